/*
 * libheif behind status codes. libheif reports every failure as a struct heif_error (it is C++
 * inside, but no exception crosses its C API). The context gets libheif's image-size security limit
 * before the file is read, and decoding is single-threaded so the caller controls concurrency.
 * Transformations (irot, imir, clap) are applied by libheif, which is how HEIF stores orientation;
 * EXIF orientation must not be applied again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libheif/heif.h>

#include "CImageShims.h"
#include "img_internal.h"

struct img_heif {
    struct heif_context *context;
    struct heif_image_handle *handle;
};

static int32_t img_heif_status(struct heif_error error, char *message, size_t capacity) {
    if (error.code == heif_error_Ok) {
        return IMG_OK;
    }
    img_copy_message(message, capacity, error.message != NULL ? error.message : "libheif error");
    switch (error.code) {
    case heif_error_Invalid_input:
        if (error.subcode == heif_suberror_End_of_data) {
            return IMG_ERR_TRUNCATED;
        }
        if (error.subcode == heif_suberror_Security_limit_exceeded) {
            return IMG_ERR_LIMIT;
        }
        return IMG_ERR_CORRUPT;
    case heif_error_Unsupported_filetype:
    case heif_error_Unsupported_feature:
    case heif_error_Plugin_loading_error:
        return IMG_ERR_UNSUPPORTED;
    case heif_error_Memory_allocation_error:
        if (error.subcode == heif_suberror_Security_limit_exceeded) {
            return IMG_ERR_LIMIT;
        }
        return IMG_ERR_NOMEM;
    case heif_error_Decoder_plugin_error:
        return IMG_ERR_CORRUPT;
    case heif_error_Usage_error:
        return IMG_ERR_ARGUMENT;
    default:
        return IMG_ERR_CORRUPT;
    }
}

img_heif *img_heif_create(const uint8_t *data, size_t size, int32_t max_dimension, int32_t *status, char *message,
                          size_t capacity) {
    *status = IMG_ERR_NOMEM;
    img_heif *decoder = calloc(1, sizeof(img_heif));
    if (decoder == NULL) {
        return NULL;
    }
    decoder->context = heif_context_alloc();
    if (decoder->context == NULL) {
        free(decoder);
        return NULL;
    }
    if (max_dimension > 0) {
        heif_context_set_maximum_image_size_limit(decoder->context, max_dimension);
    }
    heif_context_set_max_decoding_threads(decoder->context, 0);
    struct heif_error error = heif_context_read_from_memory_without_copy(decoder->context, data, size, NULL);
    if (error.code == heif_error_Ok) {
        error = heif_context_get_primary_image_handle(decoder->context, &decoder->handle);
    }
    *status = img_heif_status(error, message, capacity);
    return decoder;
}

void img_heif_destroy(img_heif *decoder) {
    if (decoder == NULL) {
        return;
    }
    if (decoder->handle != NULL) {
        heif_image_handle_release(decoder->handle);
    }
    if (decoder->context != NULL) {
        heif_context_free(decoder->context);
    }
    free(decoder);
}

int32_t img_heif_info(img_heif *decoder, img_image_info *info, size_t *icc_size) {
    if (decoder == NULL || decoder->handle == NULL || info == NULL) {
        return IMG_ERR_STATE;
    }
    memset(info, 0, sizeof(*info));
    info->photometric = -1;
    info->orientation = 1;
    int width = heif_image_handle_get_width(decoder->handle);
    int height = heif_image_handle_get_height(decoder->handle);
    if (width <= 0 || height <= 0) {
        return IMG_ERR_CORRUPT;
    }
    info->width = (uint32_t)width;
    info->height = (uint32_t)height;
    info->has_alpha = heif_image_handle_has_alpha_channel(decoder->handle);
    int depth = heif_image_handle_get_luma_bits_per_pixel(decoder->handle);
    info->bit_depth = depth > 0 ? depth : 8;
    info->frame_count = heif_context_get_number_of_top_level_images(decoder->context);
    if (icc_size != NULL) {
        *icc_size = heif_image_handle_get_raw_color_profile_size(decoder->handle);
    }
    return IMG_OK;
}

size_t img_heif_icc(img_heif *decoder, uint8_t *out, size_t capacity) {
    if (decoder == NULL || decoder->handle == NULL || out == NULL) {
        return 0;
    }
    size_t size = heif_image_handle_get_raw_color_profile_size(decoder->handle);
    if (size == 0 || size > capacity) {
        return 0;
    }
    struct heif_error error = heif_image_handle_get_raw_color_profile(decoder->handle, out);
    return error.code == heif_error_Ok ? size : 0;
}

int32_t img_heif_decode_rgba(img_heif *decoder, uint8_t *out, size_t out_size, uint32_t *out_width,
                             uint32_t *out_height, char *message, size_t capacity) {
    if (decoder == NULL || decoder->handle == NULL || out == NULL) {
        return IMG_ERR_STATE;
    }
    struct heif_decoding_options *options = heif_decoding_options_alloc();
    if (options == NULL) {
        return IMG_ERR_NOMEM;
    }
    options->convert_hdr_to_8bit = 1;
    struct heif_image *image = NULL;
    struct heif_error error =
        heif_decode_image(decoder->handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, options);
    heif_decoding_options_free(options);
    int32_t status = img_heif_status(error, message, capacity);
    if (status != IMG_OK) {
        if (image != NULL) {
            heif_image_release(image);
        }
        return status;
    }
    int width = heif_image_get_width(image, heif_channel_interleaved);
    int height = heif_image_get_height(image, heif_channel_interleaved);
    int stride = 0;
    const uint8_t *plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride);
    if (plane == NULL || width <= 0 || height <= 0 || stride < width * 4) {
        heif_image_release(image);
        img_copy_message(message, capacity, "libheif returned no interleaved RGBA plane");
        return IMG_ERR_CORRUPT;
    }
    if ((uint64_t)width * (uint64_t)height * 4 > out_size) {
        heif_image_release(image);
        img_copy_message(message, capacity, "decoded image is larger than its header said");
        return IMG_ERR_LIMIT;
    }
    for (int row = 0; row < height; row++) {
        memcpy(out + (size_t)row * (size_t)width * 4, plane + (size_t)row * (size_t)stride, (size_t)width * 4);
    }
    *out_width = (uint32_t)width;
    *out_height = (uint32_t)height;
    heif_image_release(image);
    return IMG_OK;
}
