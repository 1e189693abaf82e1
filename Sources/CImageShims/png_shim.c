/*
 * libpng behind setjmp guards.
 *
 * libpng's error callback must not return. The callback installed here records the message and
 * longjmps to the jmp_buf armed by the shim function currently running, which returns a status.
 * The full (non-simplified) API is used because the simplified png_image API converts 16-bit
 * samples to linear light, and the raw 16-bit samples are needed.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "CImageShims.h"
#include "img_internal.h"

#define IMG_PNG_MESSAGE 256

struct img_png {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t position;
    jmp_buf jump;
    int32_t code;
    int32_t warnings;
    int truncated;
    int failed;
    int header_read;
    int decoded;
    uint8_t *icc;
    size_t icc_size;
    /* Buffers owned during img_png_decode, freed on every exit path. */
    png_bytep row;
    png_bytep region;
    png_bytepp rows;
    char message[IMG_PNG_MESSAGE];
    char first_warning[IMG_PNG_MESSAGE];
};

static int32_t img_png_classify(const img_png *decoder, const char *message) {
    if (decoder->truncated) {
        return IMG_ERR_TRUNCATED;
    }
    if (strstr(message, "limit") != NULL || strstr(message, "too large") != NULL ||
        strstr(message, "exceeds") != NULL) {
        return IMG_ERR_LIMIT;
    }
    if (strstr(message, "memory") != NULL) {
        return IMG_ERR_NOMEM;
    }
    if (strstr(message, "Not enough image data") != NULL) {
        return IMG_ERR_TRUNCATED;
    }
    return IMG_ERR_CORRUPT;
}

_Noreturn static void img_png_error_fn(png_structp png, png_const_charp message) {
    img_png *decoder = (img_png *)png_get_error_ptr(png);
    snprintf(decoder->message, sizeof decoder->message, "%s", message != NULL ? message : "libpng error");
    decoder->code = img_png_classify(decoder, decoder->message);
    longjmp(decoder->jump, 1);
}

static void img_png_warning_fn(png_structp png, png_const_charp message) {
    img_png *decoder = (img_png *)png_get_error_ptr(png);
    if (decoder->warnings == 0) {
        snprintf(decoder->first_warning, sizeof decoder->first_warning, "%s",
                 message != NULL ? message : "libpng warning");
    }
    if (decoder->warnings < INT32_MAX) {
        decoder->warnings += 1;
    }
}

static void img_png_read_fn(png_structp png, png_bytep out, size_t length) {
    img_png *decoder = (img_png *)png_get_io_ptr(png);
    if (length > decoder->size - decoder->position) {
        decoder->truncated = 1;
        png_error(png, "unexpected end of PNG data");
    }
    memcpy(out, decoder->data + decoder->position, length);
    decoder->position += length;
}

static void img_png_set_message(img_png *decoder, int32_t code, const char *message) {
    decoder->code = code;
    snprintf(decoder->message, sizeof decoder->message, "%s", message);
}

static void img_png_release_buffers(img_png *decoder) {
    free(decoder->row);
    free(decoder->region);
    free(decoder->rows);
    decoder->row = NULL;
    decoder->region = NULL;
    decoder->rows = NULL;
}

img_png *img_png_create(const uint8_t *data, size_t size, uint32_t max_chunk_bytes) {
    img_png *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        return NULL;
    }
    decoder->data = data;
    decoder->size = size;
    if (setjmp(decoder->jump)) {
        decoder->failed = 1;
        return decoder;
    }
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, decoder, img_png_error_fn, img_png_warning_fn);
    if (decoder->png == NULL) {
        img_png_set_message(decoder, IMG_ERR_NOMEM, "could not create the PNG reader");
        decoder->failed = 1;
        return decoder;
    }
    decoder->info = png_create_info_struct(decoder->png);
    if (decoder->info == NULL) {
        img_png_set_message(decoder, IMG_ERR_NOMEM, "could not create the PNG info");
        decoder->failed = 1;
        return decoder;
    }
    png_set_read_fn(decoder->png, decoder, img_png_read_fn);
    if (max_chunk_bytes > 0) {
        png_set_chunk_malloc_max(decoder->png, max_chunk_bytes);
    }
    /* Skip every ancillary chunk except iCCP (tRNS is always processed): metadata is parsed by
     * ImageContainers, and skipping avoids libpng allocating or decompressing for chunks such
     * as zTXt, sPLT or pCAL that cannot change the pixels. */
    static const png_byte kept[] = "iCCP\0";
    png_set_keep_unknown_chunks(decoder->png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    png_set_keep_unknown_chunks(decoder->png, PNG_HANDLE_CHUNK_AS_DEFAULT, kept, 1);
    return decoder;
}

void img_png_destroy(img_png *decoder) {
    if (decoder == NULL) {
        return;
    }
    if (decoder->png != NULL) {
        if (setjmp(decoder->jump) == 0) {
            png_destroy_read_struct(&decoder->png, decoder->info != NULL ? &decoder->info : NULL, NULL);
        }
    }
    img_png_release_buffers(decoder);
    free(decoder->icc);
    free(decoder);
}

size_t img_png_position(const img_png *decoder) { return decoder->position; }

const char *img_png_message(const img_png *decoder) { return decoder->message; }
int32_t img_png_warning_count(const img_png *decoder) { return decoder->warnings; }
const char *img_png_first_warning(const img_png *decoder) { return decoder->first_warning; }

static int32_t img_png_fail(img_png *decoder) {
    decoder->failed = 1;
    img_png_release_buffers(decoder);
    return decoder->code == IMG_OK ? IMG_ERR_CORRUPT : decoder->code;
}

static int32_t img_png_state_error(img_png *decoder, const char *message) {
    if (decoder->failed) {
        return decoder->code == IMG_OK ? IMG_ERR_STATE : decoder->code;
    }
    img_png_set_message(decoder, IMG_ERR_STATE, message);
    return IMG_ERR_STATE;
}

int32_t img_png_read_header(img_png *decoder, img_png_header *header) {
    if (decoder->failed || decoder->header_read) {
        return img_png_state_error(decoder, "PNG header already read");
    }
    if (setjmp(decoder->jump)) {
        return img_png_fail(decoder);
    }
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    png_read_info(png, info);
    decoder->header_read = 1;
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->color_type = png_get_color_type(png, info);
    header->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE ? 1 : 0;
    header->has_trns = png_get_valid(png, info, PNG_INFO_tRNS) ? 1 : 0;
    png_colorp palette = NULL;
    int palette_size = 0;
    if (png_get_PLTE(png, info, &palette, &palette_size) == 0) {
        palette_size = 0;
    }
    header->palette_size = palette_size;
    png_charp name = NULL;
    int compression = 0;
    png_bytep profile = NULL;
    png_uint_32 profile_size = 0;
    if (png_get_iCCP(png, info, &name, &compression, &profile, &profile_size) != 0 && profile != NULL &&
        profile_size > 0) {
        decoder->icc = malloc(profile_size);
        if (decoder->icc != NULL) {
            memcpy(decoder->icc, profile, profile_size);
            decoder->icc_size = profile_size;
        }
    }
    return IMG_OK;
}

size_t img_png_icc_size(const img_png *decoder) { return decoder->icc_size; }

size_t img_png_icc_copy(const img_png *decoder, uint8_t *out, size_t capacity) {
    return img_copy_bytes(decoder->icc, decoder->icc_size, out, capacity);
}

static inline uint8_t img_png_to8(unsigned int value16) {
    return (uint8_t)((value16 * 255u + 32767u) / 65535u);
}

/* Converts `width` pixels starting at pixel `x` of a transformed row (RGB or RGBA, 8 or 16 bits). */
static void img_png_convert_row(png_const_bytep row, int channels, int depth16, uint32_t x, uint32_t width,
                                uint8_t *rgb, uint8_t *alpha, uint16_t *rgb16) {
    size_t stride = (size_t)channels * (depth16 ? 2u : 1u);
    png_const_bytep pixel = row + (size_t)x * stride;
    if (!depth16) {
        if (channels == 3 && rgb16 == NULL) {
            memcpy(rgb, pixel, (size_t)width * 3);
            return;
        }
        for (uint32_t i = 0; i < width; i++, pixel += stride) {
            rgb[i * 3] = pixel[0];
            rgb[i * 3 + 1] = pixel[1];
            rgb[i * 3 + 2] = pixel[2];
            if (alpha != NULL) {
                alpha[i] = channels == 4 ? pixel[3] : 255;
            }
            if (rgb16 != NULL) {
                rgb16[i * 3] = (uint16_t)(pixel[0] * 257u);
                rgb16[i * 3 + 1] = (uint16_t)(pixel[1] * 257u);
                rgb16[i * 3 + 2] = (uint16_t)(pixel[2] * 257u);
            }
        }
        return;
    }
    for (uint32_t i = 0; i < width; i++, pixel += stride) {
        for (int c = 0; c < 3; c++) {
            unsigned int value = ((unsigned int)pixel[c * 2] << 8) | pixel[c * 2 + 1];
            rgb[i * 3 + (uint32_t)c] = img_png_to8(value);
            if (rgb16 != NULL) {
                rgb16[i * 3 + (uint32_t)c] = (uint16_t)value;
            }
        }
        if (alpha != NULL) {
            alpha[i] = channels == 4 ? img_png_to8(((unsigned int)pixel[6] << 8) | pixel[7]) : 255;
        }
    }
}

int32_t img_png_decode(img_png *decoder, uint32_t x, uint32_t y, uint32_t width, uint32_t height,
                       uint8_t *rgb, uint8_t *alpha, uint16_t *rgb16) {
    if (decoder->failed || !decoder->header_read || decoder->decoded) {
        return img_png_state_error(decoder, "PNG decoder is not ready to decode");
    }
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    uint32_t image_width = png_get_image_width(png, info);
    uint32_t image_height = png_get_image_height(png, info);
    if (width == 0 || height == 0 || x > image_width || y > image_height || width > image_width - x ||
        height > image_height - y) {
        img_png_set_message(decoder, IMG_ERR_ARGUMENT, "region is outside the image");
        return IMG_ERR_ARGUMENT;
    }
    if (setjmp(decoder->jump)) {
        return img_png_fail(decoder);
    }
    decoder->decoded = 1;
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    int has_trns = png_get_valid(png, info, PNG_INFO_tRNS) ? 1 : 0;
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    if (has_trns) {
        png_set_tRNS_to_alpha(png);
    }
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) {
        png_set_gray_to_rgb(png);
    }
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    int depth16 = png_get_bit_depth(png, info) == 16;
    int channels = png_get_channels(png, info);
    size_t expected = (size_t)image_width * (size_t)channels * (depth16 ? 2u : 1u);
    if ((channels != 3 && channels != 4) || rowbytes < expected) {
        img_png_set_message(decoder, IMG_ERR_UNSUPPORTED, "unexpected PNG row layout after transforms");
        decoder->failed = 1;
        return IMG_ERR_UNSUPPORTED;
    }
    uint32_t last = y + height; /* rows at or after `last` are never decoded */
    if (passes <= 1) {
        decoder->row = malloc(rowbytes);
        if (decoder->row == NULL) {
            img_png_set_message(decoder, IMG_ERR_NOMEM, "out of memory for a PNG row");
            return img_png_fail(decoder);
        }
        /* 8-bit RGB rows that span the full width can be read straight into the output. */
        int direct = channels == 3 && !depth16 && x == 0 && width == image_width && rgb16 == NULL && alpha == NULL &&
                     rowbytes == (size_t)width * 3;
        for (uint32_t r = 0; r < last; r++) {
            if (direct && r >= y) {
                png_read_row(png, rgb + (size_t)(r - y) * width * 3, NULL);
                continue;
            }
            png_read_row(png, decoder->row, NULL);
            if (r >= y) {
                size_t index = (size_t)(r - y) * width;
                img_png_convert_row(decoder->row, channels, depth16, x, width, rgb + index * 3,
                                    alpha != NULL ? alpha + index : NULL, rgb16 != NULL ? rgb16 + index * 3 : NULL);
            }
        }
    } else {
        /* Adam7: every pass touches every row. Rows outside the region share one scratch row. */
        if (rowbytes > SIZE_MAX / height) {
            img_png_set_message(decoder, IMG_ERR_LIMIT, "PNG region too large");
            return img_png_fail(decoder);
        }
        decoder->row = malloc(rowbytes);
        decoder->region = malloc(rowbytes * height);
        decoder->rows = malloc(sizeof(png_bytep) * (size_t)image_height);
        if (decoder->row == NULL || decoder->region == NULL || decoder->rows == NULL) {
            img_png_set_message(decoder, IMG_ERR_NOMEM, "out of memory for PNG rows");
            return img_png_fail(decoder);
        }
        for (uint32_t r = 0; r < image_height; r++) {
            decoder->rows[r] = (r >= y && r < last) ? decoder->region + (size_t)(r - y) * rowbytes : decoder->row;
        }
        for (int pass = 0; pass < passes; pass++) {
            for (uint32_t r = 0; r < image_height; r++) {
                png_read_row(png, decoder->rows[r], NULL);
            }
        }
        for (uint32_t r = 0; r < height; r++) {
            size_t index = (size_t)r * width;
            img_png_convert_row(decoder->region + (size_t)r * rowbytes, channels, depth16, x, width, rgb + index * 3,
                                alpha != NULL ? alpha + index : NULL, rgb16 != NULL ? rgb16 + index * 3 : NULL);
        }
    }
    img_png_release_buffers(decoder);
    return IMG_OK;
}

/* ---------------------------------------------------------------- encoding */

typedef struct img_png_writer {
    png_structp png;
    png_infop info;
    jmp_buf jump;
    uint8_t *buffer;
    size_t size;
    size_t capacity;
    int out_of_memory;
    char message[IMG_PNG_MESSAGE];
} img_png_writer;

_Noreturn static void img_png_write_error(png_structp png, png_const_charp message) {
    img_png_writer *writer = (img_png_writer *)png_get_error_ptr(png);
    snprintf(writer->message, sizeof writer->message, "%s", message != NULL ? message : "libpng error");
    longjmp(writer->jump, 1);
}

static void img_png_write_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void img_png_write_fn(png_structp png, png_bytep data, size_t length) {
    img_png_writer *writer = (img_png_writer *)png_get_io_ptr(png);
    if (length > SIZE_MAX - writer->size) {
        writer->out_of_memory = 1;
        png_error(png, "PNG output too large");
    }
    size_t needed = writer->size + length;
    if (needed > writer->capacity) {
        size_t capacity = writer->capacity == 0 ? 65536 : writer->capacity;
        while (capacity < needed) {
            if (capacity > SIZE_MAX / 2) {
                capacity = needed;
                break;
            }
            capacity *= 2;
        }
        uint8_t *buffer = realloc(writer->buffer, capacity);
        if (buffer == NULL) {
            writer->out_of_memory = 1;
            png_error(png, "out of memory for PNG output");
        }
        writer->buffer = buffer;
        writer->capacity = capacity;
    }
    memcpy(writer->buffer + writer->size, data, length);
    writer->size = needed;
}

static void img_png_flush_fn(png_structp png) { (void)png; }

int32_t img_png_encode_rgb(const uint8_t *rgb, uint32_t width, uint32_t height, uint8_t **out_data,
                           size_t *out_size, char *message, size_t message_capacity) {
    *out_data = NULL;
    *out_size = 0;
    if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu) {
        img_copy_message(message, message_capacity, "PNG dimensions must be positive");
        return IMG_ERR_ARGUMENT;
    }
    img_png_writer *writer = calloc(1, sizeof *writer);
    if (writer == NULL) {
        return IMG_ERR_NOMEM;
    }
    if (setjmp(writer->jump)) {
        int32_t code = writer->out_of_memory ? IMG_ERR_NOMEM : IMG_ERR_ARGUMENT;
        img_copy_message(message, message_capacity, writer->message);
        if (writer->png != NULL) {
            png_destroy_write_struct(&writer->png, writer->info != NULL ? &writer->info : NULL);
        }
        free(writer->buffer);
        free(writer);
        return code;
    }
    writer->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, writer, img_png_write_error, img_png_write_warning);
    if (writer->png == NULL) {
        free(writer);
        return IMG_ERR_NOMEM;
    }
    writer->info = png_create_info_struct(writer->png);
    if (writer->info == NULL) {
        png_error(writer->png, "could not create the PNG info");
    }
    png_set_write_fn(writer->png, writer, img_png_write_fn, img_png_flush_fn);
    png_set_user_limits(writer->png, 0x7FFFFFFFu, 0x7FFFFFFFu);
    png_set_IHDR(writer->png, writer->info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(writer->png, writer->info);
    size_t stride = (size_t)width * 3;
    for (uint32_t r = 0; r < height; r++) {
        png_write_row(writer->png, rgb + (size_t)r * stride);
    }
    png_write_end(writer->png, writer->info);
    png_destroy_write_struct(&writer->png, &writer->info);
    *out_data = writer->buffer;
    *out_size = writer->size;
    free(writer);
    return IMG_OK;
}
