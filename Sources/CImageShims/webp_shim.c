/*
 * libwebp behind status codes. libwebp never aborts on bad data; it returns VP8StatusCode values,
 * which are mapped to IMG_* here. Animated files are read through the demuxer and only the first
 * frame is decoded, composed at its offset onto a transparent canvas. Encoding (lossy, for the
 * evaluation conditions that copy what platforms do) goes through the simple WebPEncodeRGB API.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/demux.h>

#include "CImageShims.h"
#include "img_internal.h"

static int32_t img_webp_status(VP8StatusCode code, char *message, size_t capacity) {
    switch (code) {
    case VP8_STATUS_OK:
        return IMG_OK;
    case VP8_STATUS_NOT_ENOUGH_DATA:
        img_copy_message(message, capacity, "the WebP data ends early");
        return IMG_ERR_TRUNCATED;
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        img_copy_message(message, capacity, "unsupported WebP feature");
        return IMG_ERR_UNSUPPORTED;
    case VP8_STATUS_OUT_OF_MEMORY:
        img_copy_message(message, capacity, "out of memory");
        return IMG_ERR_NOMEM;
    case VP8_STATUS_INVALID_PARAM:
        img_copy_message(message, capacity, "invalid parameter");
        return IMG_ERR_ARGUMENT;
    default:
        img_copy_message(message, capacity, "the WebP bitstream is invalid");
        return IMG_ERR_CORRUPT;
    }
}

int32_t img_webp_info(const uint8_t *data, size_t size, img_image_info *info, char *message, size_t capacity) {
    if (data == NULL || info == NULL) {
        return IMG_ERR_ARGUMENT;
    }
    memset(info, 0, sizeof(*info));
    info->photometric = -1;
    info->orientation = 1;
    WebPBitstreamFeatures features;
    VP8StatusCode code = WebPGetFeatures(data, size, &features);
    if (code != VP8_STATUS_OK) {
        return img_webp_status(code, message, capacity);
    }
    info->width = (uint32_t)features.width;
    info->height = (uint32_t)features.height;
    info->has_alpha = features.has_alpha;
    info->bit_depth = 8;
    info->lossless = features.format == 2;
    info->frame_count = 1;
    if (features.has_animation) {
        WebPData whole = {data, size};
        WebPDemuxer *demux = WebPDemux(&whole);
        if (demux == NULL) {
            img_copy_message(message, capacity, "the animated WebP container is invalid");
            return IMG_ERR_CORRUPT;
        }
        info->width = WebPDemuxGetI(demux, WEBP_FF_CANVAS_WIDTH);
        info->height = WebPDemuxGetI(demux, WEBP_FF_CANVAS_HEIGHT);
        info->frame_count = (int32_t)WebPDemuxGetI(demux, WEBP_FF_FRAME_COUNT);
        info->has_alpha = 1; /* a frame smaller than the canvas leaves transparent pixels */
        WebPDemuxDelete(demux);
    }
    return IMG_OK;
}

/* Decodes one bitstream (VP8/VP8L with optional ALPH) into `out` with row stride `stride`. */
static int32_t img_webp_decode_into(const uint8_t *data, size_t size, uint8_t *out, size_t out_size, int stride,
                                    char *message, size_t capacity) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) {
        img_copy_message(message, capacity, "libwebp version mismatch");
        return IMG_ERR_STATE;
    }
    config.output.colorspace = MODE_RGBA;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = out;
    config.output.u.RGBA.stride = stride;
    config.output.u.RGBA.size = out_size;
    VP8StatusCode code = WebPDecode(data, size, &config);
    WebPFreeDecBuffer(&config.output);
    return img_webp_status(code, message, capacity);
}

int32_t img_webp_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t out_size, char *message,
                             size_t capacity) {
    img_image_info info;
    int32_t status = img_webp_info(data, size, &info, message, capacity);
    if (status != IMG_OK) {
        return status;
    }
    if (out == NULL || (uint64_t)info.width * info.height * 4 > out_size) {
        img_copy_message(message, capacity, "output buffer too small");
        return IMG_ERR_ARGUMENT;
    }
    if (info.frame_count <= 1) {
        return img_webp_decode_into(data, size, out, out_size, (int)info.width * 4, message, capacity);
    }
    WebPData whole = {data, size};
    WebPDemuxer *demux = WebPDemux(&whole);
    if (demux == NULL) {
        img_copy_message(message, capacity, "the animated WebP container is invalid");
        return IMG_ERR_CORRUPT;
    }
    WebPIterator frame;
    if (!WebPDemuxGetFrame(demux, 1, &frame)) {
        WebPDemuxDelete(demux);
        img_copy_message(message, capacity, "the animation has no first frame");
        return IMG_ERR_CORRUPT;
    }
    memset(out, 0, (size_t)info.width * info.height * 4);
    if (frame.x_offset < 0 || frame.y_offset < 0 || (uint64_t)frame.x_offset + (uint64_t)frame.width > info.width ||
        (uint64_t)frame.y_offset + (uint64_t)frame.height > info.height) {
        status = IMG_ERR_CORRUPT;
        img_copy_message(message, capacity, "the first frame lies outside the canvas");
    } else {
        size_t offset = ((size_t)frame.y_offset * info.width + (size_t)frame.x_offset) * 4;
        status = img_webp_decode_into(frame.fragment.bytes, frame.fragment.size, out + offset, out_size - offset,
                                      (int)info.width * 4, message, capacity);
    }
    WebPDemuxReleaseIterator(&frame);
    WebPDemuxDelete(demux);
    return status;
}

int32_t img_webp_encode_rgb(const uint8_t *rgb, uint32_t width, uint32_t height, int32_t quality, uint8_t **out_data,
                            size_t *out_size, char *message, size_t capacity) {
    *out_data = NULL;
    *out_size = 0;
    if (width == 0 || height == 0 || width > WEBP_MAX_DIMENSION || height > WEBP_MAX_DIMENSION) {
        img_copy_message(message, capacity, "WebP dimensions must be 1...16383");
        return IMG_ERR_ARGUMENT;
    }
    if (quality < 0 || quality > 100) {
        img_copy_message(message, capacity, "WebP quality must be 0...100");
        return IMG_ERR_ARGUMENT;
    }
    uint8_t *encoded = NULL;
    /* The simple API uses libwebp's default preset: lossy, method 4. */
    size_t size = WebPEncodeRGB(rgb, (int)width, (int)height, (int)width * 3, (float)quality, &encoded);
    if (size == 0 || encoded == NULL) {
        WebPFree(encoded);
        img_copy_message(message, capacity, "libwebp could not encode the image");
        return IMG_ERR_NOMEM;
    }
    /* Callers release the result with img_free (free), so hand back a malloc'd copy. */
    uint8_t *copy = malloc(size);
    if (copy == NULL) {
        WebPFree(encoded);
        return IMG_ERR_NOMEM;
    }
    memcpy(copy, encoded, size);
    WebPFree(encoded);
    *out_data = copy;
    *out_size = size;
    return IMG_OK;
}
