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

/* Where img_png_decode puts the rows libpng hands back (kept in the decoder, not in locals, so the
 * state survives a longjmp out of libpng). */
typedef struct img_png_target {
    uint8_t *rgb;
    uint8_t *alpha;
    uint16_t *rgb16;
    uint32_t x, y, width, height; /* the region, in image coordinates */
    int channels;
    int depth16;
    int direct;   /* rows go straight into `rgb` (8-bit RGB, full width, no alpha or 16-bit output) */
    int pass;     /* the Adam7 pass of the row being read (0 when not interlaced) */
    uint32_t pass_row;
    int emitted;  /* whether the row last read has been written to the outputs */
} img_png_target;

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
    img_budget budget;
    /* Work counters. */
    uint64_t trailing_bytes; /* input read after libpng finished the last row */
    uint32_t rows_read;      /* png_read_row calls completed (rows of each pass when interlaced) */
    int reading_rows;        /* inside img_png_decode's row loop (trailing bytes are counted there) */
    int stopped_early;       /* reading stopped at the trailing budget; every row was complete */
    img_png_target target;
    /* Buffer owned during img_png_decode, freed on every exit path. */
    png_bytep row;
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

static void img_png_add_warning(img_png *decoder, const char *message) {
    if (decoder->warnings == 0) {
        snprintf(decoder->first_warning, sizeof decoder->first_warning, "%s",
                 message != NULL ? message : "libpng warning");
    }
    if (decoder->warnings < INT32_MAX) {
        decoder->warnings += 1;
    }
}

static void img_png_warning_fn(png_structp png, png_const_charp message) {
    img_png_add_warning((img_png *)png_get_error_ptr(png), message);
}

/* Whether libpng has completed the last row of the image (it is then only finishing the
 * compressed stream: inflating whatever follows the rows, up to the end of the zlib data). */
static int img_png_rows_finished(const img_png *decoder) {
    png_const_structp png = decoder->png;
    if (png_get_interlace_type(png, decoder->info) != PNG_INTERLACE_NONE) {
        return png_get_current_pass_number(png) >= 7;
    }
    return png_get_current_row_number(png) >= png_get_image_height(png, decoder->info);
}

static void img_png_read_fn(png_structp png, png_bytep out, size_t length) {
    img_png *decoder = (img_png *)png_get_io_ptr(png);
    if (decoder->reading_rows && img_png_rows_finished(decoder)) {
        /* libpng drains the rest of the image data after the last row, inflating all of it (a
         * kilobyte of zeros inflates to a megabyte). The rows are complete, so past the budget
         * stop here: the longjmp lands in img_png_decode, which keeps the pixels. */
        decoder->trailing_bytes += length;
        if (decoder->budget.max_trailing_bytes > 0 && decoder->trailing_bytes > decoder->budget.max_trailing_bytes) {
            decoder->stopped_early = 1;
            png_error(png, "image data continues past the last row");
        }
    }
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
    decoder->row = NULL;
}

img_png *img_png_create(const uint8_t *data, size_t size, uint32_t max_chunk_bytes, img_budget budget) {
    img_png *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        return NULL;
    }
    decoder->data = data;
    decoder->size = size;
    decoder->budget = budget;
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

void img_png_work(const img_png *decoder, img_work *work) {
    memset(work, 0, sizeof *work);
    work->bytes_read = decoder->position;
    work->trailing_bytes = decoder->trailing_bytes;
    work->rows = decoder->rows_read;
    work->stopped_early = decoder->stopped_early;
    work->data_ended = decoder->truncated;
}

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

/* Writes one pixel of a transformed row (RGB or RGBA, 8 or 16 bits) to output index `index`. */
static inline void img_png_put_pixel(png_const_bytep pixel, int channels, int depth16, size_t index, uint8_t *rgb,
                                     uint8_t *alpha, uint16_t *rgb16) {
    if (!depth16) {
        rgb[index * 3] = pixel[0];
        rgb[index * 3 + 1] = pixel[1];
        rgb[index * 3 + 2] = pixel[2];
        if (alpha != NULL) {
            alpha[index] = channels == 4 ? pixel[3] : 255;
        }
        if (rgb16 != NULL) {
            rgb16[index * 3] = (uint16_t)(pixel[0] * 257u);
            rgb16[index * 3 + 1] = (uint16_t)(pixel[1] * 257u);
            rgb16[index * 3 + 2] = (uint16_t)(pixel[2] * 257u);
        }
        return;
    }
    for (int c = 0; c < 3; c++) {
        unsigned int value = ((unsigned int)pixel[c * 2] << 8) | pixel[c * 2 + 1];
        rgb[index * 3 + (size_t)c] = img_png_to8(value);
        if (rgb16 != NULL) {
            rgb16[index * 3 + (size_t)c] = (uint16_t)value;
        }
    }
    if (alpha != NULL) {
        alpha[index] = channels == 4 ? img_png_to8(((unsigned int)pixel[6] << 8) | pixel[7]) : 255;
    }
}

/*
 * Writes the row last read into decoder->row to the outputs: for a non-interlaced image the pixels
 * of image row `pass_row` inside the region; for an interlaced one the pixels of row `pass_row` of
 * Adam7 pass `pass`, each at its place in the image (so no whole-image buffer is needed).
 */
static void img_png_emit_row(img_png *decoder) {
    img_png_target *t = &decoder->target;
    t->emitted = 1;
    if (t->direct) {
        return; /* libpng wrote the row into the output */
    }
    int interlaced = png_get_interlace_type(decoder->png, decoder->info) != PNG_INTERLACE_NONE;
    uint32_t image_row = interlaced ? PNG_ROW_FROM_PASS_ROW(t->pass_row, t->pass) : t->pass_row;
    if (image_row < t->y || image_row >= t->y + t->height) {
        return;
    }
    size_t stride = (size_t)t->channels * (t->depth16 ? 2u : 1u);
    size_t base = (size_t)(image_row - t->y) * t->width;
    if (!interlaced) {
        png_const_bytep pixel = decoder->row + (size_t)t->x * stride;
        if (t->channels == 3 && !t->depth16 && t->rgb16 == NULL && t->alpha == NULL) {
            memcpy(t->rgb + base * 3, pixel, (size_t)t->width * 3);
            return;
        }
        for (uint32_t i = 0; i < t->width; i++, pixel += stride) {
            img_png_put_pixel(pixel, t->channels, t->depth16, base + i, t->rgb, t->alpha, t->rgb16);
        }
        return;
    }
    uint32_t columns = PNG_PASS_COLS(png_get_image_width(decoder->png, decoder->info), t->pass);
    for (uint32_t column = 0; column < columns; column++) {
        uint32_t image_column = PNG_COL_FROM_PASS_COL(column, t->pass);
        if (image_column < t->x || image_column >= t->x + t->width) {
            continue;
        }
        img_png_put_pixel(decoder->row + (size_t)column * stride, t->channels, t->depth16,
                          base + (image_column - t->x), t->rgb, t->alpha, t->rgb16);
    }
}

/*
 * After the last row: reads the chunks that follow the image data (png_read_end), which checks
 * their CRCs and finds a missing IEND. It inflates nothing (the image data has ended and every
 * ancillary chunk is skipped), so it costs one pass over the remaining bytes. A problem there
 * cannot change the pixels, so it becomes a warning.
 */
static void img_png_read_end(img_png *decoder) {
    if (setjmp(decoder->jump)) {
        char text[IMG_PNG_MESSAGE + 64];
        snprintf(text, sizeof text, "after the image data: %s", decoder->message);
        img_png_add_warning(decoder, text);
        decoder->code = IMG_OK;
        decoder->truncated = 0;
        return;
    }
    png_read_end(decoder->png, NULL);
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
        decoder->reading_rows = 0;
        if (!decoder->stopped_early) {
            return img_png_fail(decoder);
        }
        /* The trailing budget ran out after libpng completed the last row: keep the pixels. */
        if (!decoder->target.emitted) {
            img_png_emit_row(decoder);
        }
        char text[IMG_PNG_MESSAGE];
        snprintf(text, sizeof text,
                 "stopped reading image data %llu bytes after the last row (budget %llu); the end of the "
                 "compressed data was not checked",
                 (unsigned long long)decoder->trailing_bytes, (unsigned long long)decoder->budget.max_trailing_bytes);
        img_png_add_warning(decoder, text);
        decoder->code = IMG_OK;
        decoder->failed = 1; /* libpng is mid-chunk: nothing more can be read */
        img_png_release_buffers(decoder);
        return IMG_OK;
    }
    decoder->decoded = 1;
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    int has_trns = png_get_valid(png, info, PNG_INFO_tRNS) ? 1 : 0;
    int interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
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
    /* No png_set_interlace_handling: libpng then returns each Adam7 pass's reduced rows, which
     * img_png_emit_row places in the output; its own handling needs a whole-image buffer. */
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
    img_png_target *t = &decoder->target;
    t->rgb = rgb;
    t->alpha = alpha;
    t->rgb16 = rgb16;
    t->x = x;
    t->y = y;
    t->width = width;
    t->height = height;
    t->channels = channels;
    t->depth16 = depth16;
    /* 8-bit RGB rows that span the full width can be read straight into the output. */
    t->direct = !interlaced && channels == 3 && !depth16 && x == 0 && width == image_width && rgb16 == NULL &&
                alpha == NULL && rowbytes == (size_t)width * 3;
    t->emitted = 1;
    decoder->row = malloc(rowbytes);
    if (decoder->row == NULL) {
        img_png_set_message(decoder, IMG_ERR_NOMEM, "out of memory for a PNG row");
        return img_png_fail(decoder);
    }
    decoder->reading_rows = 1;
    if (!interlaced) {
        uint32_t last = y + height; /* rows at or after `last` are never decoded */
        for (uint32_t r = 0; r < last; r++) {
            t->pass_row = r;
            t->emitted = 0;
            png_bytep destination = t->direct && r >= y ? rgb + (size_t)(r - y) * width * 3 : decoder->row;
            png_read_row(png, destination, NULL);
            decoder->rows_read += 1;
            if (r >= y) {
                img_png_emit_row(decoder);
            }
            t->emitted = 1;
        }
        if (last < image_height) {
            /* The rows below the region are never read, so the image data is not finished. */
            decoder->reading_rows = 0;
            img_png_release_buffers(decoder);
            return IMG_OK;
        }
    } else {
        for (int pass = 0; pass < 7; pass++) {
            uint32_t rows = PNG_PASS_ROWS(image_height, pass);
            if (rows == 0 || PNG_PASS_COLS(image_width, pass) == 0) {
                continue; /* libpng skips empty passes */
            }
            t->pass = pass;
            for (uint32_t r = 0; r < rows; r++) {
                t->pass_row = r;
                t->emitted = 0;
                png_read_row(png, decoder->row, NULL);
                decoder->rows_read += 1;
                img_png_emit_row(decoder);
            }
        }
    }
    decoder->reading_rows = 0;
    img_png_release_buffers(decoder);
    img_png_read_end(decoder);
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
