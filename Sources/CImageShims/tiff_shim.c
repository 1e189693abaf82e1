/*
 * libtiff behind status codes. libtiff's default error and warning handlers print to stderr; here
 * each handle gets its own handlers (TIFFOpenOptionsSetErrorHandlerExtR, libtiff >= 4.5) that record
 * the first message instead, and a cap on single allocations. The file is read from memory through
 * client procedures over the caller's bytes (never copied, never written).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tiffio.h>

#include "CImageShims.h"
#include "img_internal.h"

#define IMG_TIFF_MESSAGE 256

struct img_tiff {
    const uint8_t *data;
    size_t size;
    toff_t position;
    TIFF *tiff;
    int errors;
    char message[IMG_TIFF_MESSAGE];
};

static tmsize_t img_tiff_read(thandle_t handle, void *buffer, tmsize_t count) {
    img_tiff *decoder = (img_tiff *)handle;
    if (count <= 0 || decoder->position >= decoder->size) {
        return 0;
    }
    size_t available = decoder->size - (size_t)decoder->position;
    size_t wanted = (size_t)count < available ? (size_t)count : available;
    memcpy(buffer, decoder->data + decoder->position, wanted);
    decoder->position += wanted;
    return (tmsize_t)wanted;
}

static tmsize_t img_tiff_write(thandle_t handle, void *buffer, tmsize_t count) {
    (void)handle;
    (void)buffer;
    (void)count;
    return -1;
}

static toff_t img_tiff_seek(thandle_t handle, toff_t offset, int whence) {
    img_tiff *decoder = (img_tiff *)handle;
    uint64_t base = 0;
    if (whence == SEEK_CUR) {
        base = decoder->position;
    } else if (whence == SEEK_END) {
        base = decoder->size;
    }
    uint64_t target = base + offset;
    if (target < base) { /* overflow */
        return (toff_t)-1;
    }
    decoder->position = target;
    return target;
}

static int img_tiff_close(thandle_t handle) {
    (void)handle;
    return 0;
}

static toff_t img_tiff_size(thandle_t handle) { return ((img_tiff *)handle)->size; }

static int img_tiff_map(thandle_t handle, void **base, toff_t *size) {
    (void)handle;
    (void)base;
    (void)size;
    return 0;
}

static void img_tiff_unmap(thandle_t handle, void *base, toff_t size) {
    (void)handle;
    (void)base;
    (void)size;
}

static int img_tiff_on_error(TIFF *tiff, void *user, const char *module, const char *format, va_list arguments) {
    (void)tiff;
    (void)module;
    img_tiff *decoder = (img_tiff *)user;
    if (decoder != NULL && decoder->errors++ == 0) {
        vsnprintf(decoder->message, sizeof(decoder->message), format, arguments);
    }
    return 1; /* handled: libtiff prints nothing */
}

static int img_tiff_on_warning(TIFF *tiff, void *user, const char *module, const char *format, va_list arguments) {
    (void)tiff;
    (void)user;
    (void)module;
    (void)format;
    (void)arguments;
    return 1;
}

static int32_t img_tiff_classify(const img_tiff *decoder) {
    const char *text = decoder->message;
    if (strstr(text, "Maximum") != NULL || strstr(text, "limit") != NULL || strstr(text, "too large") != NULL) {
        return IMG_ERR_LIMIT;
    }
    if (strstr(text, "Read error") != NULL || strstr(text, "end of file") != NULL ||
        strstr(text, "past end") != NULL || strstr(text, "Not enough data") != NULL) {
        return IMG_ERR_TRUNCATED;
    }
    if (strstr(text, "not supported") != NULL || strstr(text, "Sorry") != NULL ||
        strstr(text, "unsupported") != NULL) {
        return IMG_ERR_UNSUPPORTED;
    }
    return IMG_ERR_CORRUPT;
}

img_tiff *img_tiff_create(const uint8_t *data, size_t size, uint64_t max_alloc, int32_t *status, char *message,
                          size_t capacity) {
    *status = IMG_ERR_NOMEM;
    img_tiff *decoder = calloc(1, sizeof(img_tiff));
    if (decoder == NULL) {
        return NULL;
    }
    decoder->data = data;
    decoder->size = size;
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (options == NULL) {
        return decoder;
    }
    TIFFOpenOptionsSetErrorHandlerExtR(options, img_tiff_on_error, decoder);
    TIFFOpenOptionsSetWarningHandlerExtR(options, img_tiff_on_warning, decoder);
    if (max_alloc > 0) {
        TIFFOpenOptionsSetMaxSingleMemAlloc(options, (tmsize_t)(max_alloc > INT64_MAX ? INT64_MAX : max_alloc));
    }
    /* "rm": read-only, never memory-map. */
    decoder->tiff = TIFFClientOpenExt("memory", "rm", (thandle_t)decoder, img_tiff_read, img_tiff_write, img_tiff_seek,
                                      img_tiff_close, img_tiff_size, img_tiff_map, img_tiff_unmap, options);
    TIFFOpenOptionsFree(options);
    if (decoder->tiff == NULL) {
        *status = decoder->errors > 0 ? img_tiff_classify(decoder) : IMG_ERR_CORRUPT;
        img_copy_message(message, capacity, decoder->errors > 0 ? decoder->message : "not a readable TIFF");
        return decoder;
    }
    *status = IMG_OK;
    return decoder;
}

void img_tiff_destroy(img_tiff *decoder) {
    if (decoder == NULL) {
        return;
    }
    if (decoder->tiff != NULL) {
        TIFFClose(decoder->tiff);
    }
    free(decoder);
}

const char *img_tiff_message(const img_tiff *decoder) { return decoder != NULL ? decoder->message : ""; }

int32_t img_tiff_info(img_tiff *decoder, img_image_info *info, size_t *icc_size) {
    if (decoder == NULL || decoder->tiff == NULL || info == NULL) {
        return IMG_ERR_STATE;
    }
    memset(info, 0, sizeof(*info));
    uint32_t width = 0, height = 0;
    uint16_t bits = 1, samples = 1, photometric = 0, orientation = 1, extra = 0;
    uint16_t *extra_types = NULL;
    if (!TIFFGetField(decoder->tiff, TIFFTAG_IMAGEWIDTH, &width) ||
        !TIFFGetField(decoder->tiff, TIFFTAG_IMAGELENGTH, &height) || width == 0 || height == 0) {
        return IMG_ERR_CORRUPT;
    }
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_ORIENTATION, &orientation);
    if (!TIFFGetField(decoder->tiff, TIFFTAG_PHOTOMETRIC, &photometric)) {
        photometric = samples >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;
    }
    TIFFGetFieldDefaulted(decoder->tiff, TIFFTAG_EXTRASAMPLES, &extra, &extra_types);
    info->width = width;
    info->height = height;
    info->has_alpha = extra > 0;
    info->bit_depth = bits;
    info->frame_count = (int32_t)TIFFNumberOfDirectories(decoder->tiff);
    info->orientation = orientation;
    info->photometric = photometric;
    if (icc_size != NULL) {
        uint32_t count = 0;
        void *profile = NULL;
        *icc_size = TIFFGetField(decoder->tiff, TIFFTAG_ICCPROFILE, &count, &profile) && profile != NULL ? count : 0;
    }
    return IMG_OK;
}

size_t img_tiff_icc(img_tiff *decoder, uint8_t *out, size_t capacity) {
    if (decoder == NULL || decoder->tiff == NULL) {
        return 0;
    }
    uint32_t count = 0;
    void *profile = NULL;
    if (!TIFFGetField(decoder->tiff, TIFFTAG_ICCPROFILE, &count, &profile) || profile == NULL) {
        return 0;
    }
    return img_copy_bytes(profile, count, out, capacity);
}

int32_t img_tiff_decode_rgba(img_tiff *decoder, uint8_t *out, size_t out_size, uint32_t *out_width,
                             uint32_t *out_height, char *message, size_t capacity) {
    if (decoder == NULL || decoder->tiff == NULL || out == NULL) {
        return IMG_ERR_STATE;
    }
    char reason[1024] = {0};
    if (!TIFFRGBAImageOK(decoder->tiff, reason)) {
        img_copy_message(message, capacity, reason[0] != 0 ? reason : "this TIFF layout cannot be converted to RGBA");
        return IMG_ERR_UNSUPPORTED;
    }
    uint32_t width = 0, height = 0;
    TIFFGetField(decoder->tiff, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(decoder->tiff, TIFFTAG_IMAGELENGTH, &height);
    if ((uint64_t)width * (uint64_t)height * 4 > out_size) {
        img_copy_message(message, capacity, "output buffer too small");
        return IMG_ERR_ARGUMENT;
    }
    TIFFRGBAImage image;
    if (!TIFFRGBAImageBegin(&image, decoder->tiff, 0, reason)) {
        img_copy_message(message, capacity, reason[0] != 0 ? reason : "cannot start RGBA conversion");
        return IMG_ERR_UNSUPPORTED;
    }
    /* Orientation: libtiff flips into TOPLEFT when req_orientation is set. The transposing orientations
     * (5-8) are flipped like their non-transposed counterparts (1-4) by libtiff; the caller transposes
     * across the diagonal each one needs. */
    image.req_orientation = ORIENTATION_TOPLEFT;
    int ok = TIFFRGBAImageGet(&image, (uint32_t *)(void *)out, width, height);
    TIFFRGBAImageEnd(&image);
    if (!ok || decoder->errors > 0) {
        int32_t status = decoder->errors > 0 ? img_tiff_classify(decoder) : IMG_ERR_CORRUPT;
        img_copy_message(message, capacity, decoder->errors > 0 ? decoder->message : "TIFF decoding failed");
        return status;
    }
    /* The raster holds packed ABGR words; on little-endian machines their bytes are R, G, B, A. */
    uint32_t *words = (uint32_t *)(void *)out;
    size_t count = (size_t)width * height;
    for (size_t i = 0; i < count; i++) {
        uint32_t pixel = words[i];
        out[i * 4 + 0] = (uint8_t)TIFFGetR(pixel);
        out[i * 4 + 1] = (uint8_t)TIFFGetG(pixel);
        out[i * 4 + 2] = (uint8_t)TIFFGetB(pixel);
        out[i * 4 + 3] = (uint8_t)TIFFGetA(pixel);
    }
    *out_width = width;
    *out_height = height;
    return IMG_OK;
}
