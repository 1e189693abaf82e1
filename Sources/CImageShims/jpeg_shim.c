/*
 * libjpeg(-turbo) behind setjmp guards.
 *
 * libjpeg reports fatal errors through err->error_exit, which must not return; the default one
 * prints and calls exit(). Here error_exit records a status and message and longjmps to the
 * jmp_buf armed by the shim function currently running, which then cleans up and returns the
 * status. Warnings (corrupt data that libjpeg can recover from) are counted, never printed.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

#include "CImageShims.h"
#include "img_internal.h"

/* Error manager: libjpeg's public struct first, so a j_common_ptr->err can be cast back. */
typedef struct img_jpeg_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int32_t code;
    int32_t warnings;
    int hit_eof;
    int data_ended; /* the entropy-coded data of a scan ended early (EOF, or a marker other than RSTn) */
    char message[JMSG_LENGTH_MAX];
    char first_warning[JMSG_LENGTH_MAX];
} img_jpeg_error;

struct img_jpeg {
    struct jpeg_decompress_struct cinfo;
    const uint8_t *data;
    size_t size;
    img_jpeg_error err;
    struct jpeg_progress_mgr progress;
    img_budget budget;
    int accept_truncated; /* set for the duration of a decode call that accepts partial images */
    int created;      /* jpeg_create_decompress succeeded */
    int failed;       /* a fatal error happened; the libjpeg object must only be destroyed */
    int header_read;
    int prepared;
    int started;
    int have_coefficients;
    jvirt_barray_ptr *coefficients;
    uint8_t *icc;
    unsigned int icc_size;
};

/* ---------------------------------------------------------------- error manager */

static int32_t img_jpeg_classify(const img_jpeg_error *err, int msg_code) {
    switch (msg_code) {
    case JERR_BAD_PRECISION:
    case JERR_NOT_COMPILED:
    case JERR_CONVERSION_NOTIMPL:
    case JERR_ARITH_NOTIMPL:
    case JERR_NOTIMPL:
    case JERR_SOF_UNSUPPORTED:
        return IMG_ERR_UNSUPPORTED;
    case JERR_NO_BACKING_STORE:
        /* The coefficient buffers do not fit in max_memory_to_use and this build has no temporary
         * files to spill to: the memory budget is exceeded, before any scan is decoded. */
        return IMG_ERR_MEMORY_BUDGET;
    case JERR_TOO_LITTLE_DATA:
        return IMG_ERR_LIMIT;
    case JERR_OUT_OF_MEMORY:
        return IMG_ERR_NOMEM;
    case JERR_INPUT_EMPTY:
    case JERR_INPUT_EOF:
        return IMG_ERR_TRUNCATED;
    default:
        return err->hit_eof ? IMG_ERR_TRUNCATED : IMG_ERR_CORRUPT;
    }
}

static void img_jpeg_output_message(j_common_ptr cinfo) {
    img_jpeg_error *err = (img_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
}

static void img_jpeg_emit_message(j_common_ptr cinfo, int msg_level) {
    img_jpeg_error *err = (img_jpeg_error *)cinfo->err;
    if (msg_level >= 0) {
        return; /* trace messages */
    }
    if (err->pub.msg_code == JWRN_JPEG_EOF) {
        err->hit_eof = 1;
        err->data_ended = 1;
    }
    if (err->pub.msg_code == JWRN_HIT_MARKER && cinfo->is_decompressor) {
        /* "Premature end of data segment": the scan's data stopped at a marker. At a restart marker
         * (RSTn) one interval is damaged and decoding resynchronises; at any other marker (EOI, the
         * next SOS, ...) the rest of the scan is missing. */
        int marker = ((j_decompress_ptr)cinfo)->unread_marker;
        if (marker < JPEG_RST0 || marker > JPEG_RST0 + 7) {
            err->data_ended = 1;
        }
    }
    if (err->warnings == 0) {
        (*cinfo->err->format_message)(cinfo, err->first_warning);
    }
    if (err->warnings < INT32_MAX) {
        err->warnings += 1;
    }
    err->pub.num_warnings += 1;
}

_Noreturn static void img_jpeg_error_exit(j_common_ptr cinfo) {
    img_jpeg_error *err = (img_jpeg_error *)cinfo->err;
    err->code = img_jpeg_classify(err, err->pub.msg_code);
    (*cinfo->err->output_message)(cinfo);
    if (err->code == IMG_ERR_MEMORY_BUDGET) {
        snprintf(err->message, sizeof err->message,
                 "the coefficient buffers need more working memory than the budget of %ld bytes",
                 cinfo->mem->max_memory_to_use);
    }
    longjmp(err->jump, 1);
}

static void img_jpeg_error_init(img_jpeg_error *err) {
    jpeg_std_error(&err->pub);
    err->pub.error_exit = img_jpeg_error_exit;
    err->pub.emit_message = img_jpeg_emit_message;
    err->pub.output_message = img_jpeg_output_message;
    err->code = IMG_OK;
    err->warnings = 0;
    err->hit_eof = 0;
    err->data_ended = 0;
    err->message[0] = '\0';
    err->first_warning[0] = '\0';
}

static void img_jpeg_set_message(img_jpeg_error *err, int32_t code, const char *message) {
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", message);
}

/* Called by libjpeg between chunks of input work (multi-scan files only). */
static void img_jpeg_progress(j_common_ptr cinfo) {
    img_jpeg *decoder = (img_jpeg *)cinfo->client_data;
    if (decoder == NULL || !cinfo->is_decompressor) {
        return;
    }
    j_decompress_ptr dinfo = (j_decompress_ptr)cinfo;
    if (decoder->err.data_ended && !decoder->accept_truncated) {
        /* The data ran out: the result will be rejected as truncated, so stop now rather than
         * run the remaining (fake, zero-filled) input passes. */
        decoder->err.code = IMG_ERR_TRUNCATED;
        snprintf(decoder->err.message, sizeof decoder->err.message,
                 "premature end of JPEG data in scan %d, iMCU row %u of %u", dinfo->input_scan_number,
                 (unsigned)dinfo->input_iMCU_row, (unsigned)dinfo->total_iMCU_rows);
        longjmp(decoder->err.jump, 1);
    }
    int32_t limit = decoder->budget.max_scans;
    if (limit > 0 && dinfo->input_scan_number > limit) {
        decoder->err.code = IMG_ERR_SCAN_BUDGET;
        snprintf(decoder->err.message, sizeof decoder->err.message,
                 "JPEG has more than %d scans (the scan budget for a %ux%u image)", (int)limit,
                 (unsigned)dinfo->image_width, (unsigned)dinfo->image_height);
        longjmp(decoder->err.jump, 1);
    }
}

static void img_jpeg_apply_memory(img_jpeg *decoder) {
    uint64_t max_memory = decoder->budget.max_memory;
    if (decoder->created && max_memory > 0) {
        decoder->cinfo.mem->max_memory_to_use = max_memory > (uint64_t)LONG_MAX ? LONG_MAX : (long)max_memory;
    }
}

/* ---------------------------------------------------------------- decoder lifecycle */

img_jpeg *img_jpeg_create(const uint8_t *data, size_t size, img_budget budget) {
    img_jpeg *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        return NULL;
    }
    decoder->budget = budget;
    decoder->cinfo.err = &decoder->err.pub;
    img_jpeg_error_init(&decoder->err);
    if (setjmp(decoder->err.jump)) {
        decoder->failed = 1;
        return decoder;
    }
    jpeg_create_decompress(&decoder->cinfo);
    decoder->created = 1;
    decoder->cinfo.client_data = decoder;
    decoder->progress.progress_monitor = img_jpeg_progress;
    decoder->cinfo.progress = &decoder->progress;
    img_jpeg_apply_memory(decoder);
    if (size == 0 || size > (size_t)ULONG_MAX) {
        img_jpeg_set_message(&decoder->err, size == 0 ? IMG_ERR_TRUNCATED : IMG_ERR_LIMIT,
                             size == 0 ? "empty JPEG data" : "JPEG data too large");
        decoder->failed = 1;
        return decoder;
    }
    decoder->data = data;
    decoder->size = size;
    jpeg_mem_src(&decoder->cinfo, data, (unsigned long)size);
    return decoder;
}

void img_jpeg_destroy(img_jpeg *decoder) {
    if (decoder == NULL) {
        return;
    }
    if (decoder->created) {
        /* jpeg_destroy never calls error_exit, but arm the jump anyway so it cannot escape. */
        if (setjmp(decoder->err.jump) == 0) {
            jpeg_destroy_decompress(&decoder->cinfo);
        }
    }
    free(decoder->icc);
    free(decoder);
}

size_t img_jpeg_position(const img_jpeg *decoder) {
    const struct jpeg_source_mgr *source = decoder->cinfo.src;
    if (source == NULL || decoder->data == NULL || source->next_input_byte == NULL) {
        return 0;
    }
    /* After the data runs out libjpeg reads from a fake EOI buffer outside the input. */
    if (source->next_input_byte < decoder->data || source->next_input_byte > decoder->data + decoder->size) {
        return decoder->size;
    }
    return (size_t)(source->next_input_byte - decoder->data);
}

void img_jpeg_set_budget(img_jpeg *decoder, img_budget budget) {
    decoder->budget = budget;
    img_jpeg_apply_memory(decoder);
}

void img_jpeg_work(const img_jpeg *decoder, img_work *work) {
    memset(work, 0, sizeof *work);
    work->bytes_read = img_jpeg_position(decoder);
    if (decoder->created) {
        work->scans = decoder->cinfo.input_scan_number;
        work->rows = decoder->cinfo.output_scanline;
    }
    work->data_ended = decoder->err.data_ended;
}

const char *img_jpeg_message(const img_jpeg *decoder) { return decoder->err.message; }
int32_t img_jpeg_warning_count(const img_jpeg *decoder) { return decoder->err.warnings; }
const char *img_jpeg_first_warning(const img_jpeg *decoder) { return decoder->err.first_warning; }

static int32_t img_jpeg_fail(img_jpeg *decoder) {
    decoder->failed = 1;
    return decoder->err.code == IMG_OK ? IMG_ERR_CORRUPT : decoder->err.code;
}

static int32_t img_jpeg_state_error(img_jpeg *decoder, const char *message) {
    if (decoder->failed) {
        return decoder->err.code == IMG_OK ? IMG_ERR_STATE : decoder->err.code;
    }
    img_jpeg_set_message(&decoder->err, IMG_ERR_STATE, message);
    return IMG_ERR_STATE;
}

/* ---------------------------------------------------------------- header */

static int32_t img_jpeg_color_space(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return IMG_JPEG_CS_GRAY;
    case JCS_YCbCr: return IMG_JPEG_CS_YCBCR;
    case JCS_RGB: return IMG_JPEG_CS_RGB;
    case JCS_CMYK: return IMG_JPEG_CS_CMYK;
    case JCS_YCCK: return IMG_JPEG_CS_YCCK;
    default: return IMG_JPEG_CS_UNKNOWN;
    }
}

int32_t img_jpeg_read_header(img_jpeg *decoder, img_jpeg_header *header) {
    if (decoder->failed || decoder->header_read) {
        return img_jpeg_state_error(decoder, "JPEG header already read");
    }
    j_decompress_ptr cinfo = &decoder->cinfo;
    if (setjmp(decoder->err.jump)) {
        return img_jpeg_fail(decoder);
    }
    jpeg_save_markers(cinfo, JPEG_APP0 + 2, 0xFFFF);
    int result = jpeg_read_header(cinfo, TRUE);
    if (result != JPEG_HEADER_OK) {
        img_jpeg_set_message(&decoder->err, decoder->err.hit_eof ? IMG_ERR_TRUNCATED : IMG_ERR_CORRUPT,
                             "JPEG has no image");
        return img_jpeg_fail(decoder);
    }
    decoder->header_read = 1;
    JOCTET *icc = NULL;
    unsigned int icc_size = 0;
    if (jpeg_read_icc_profile(cinfo, &icc, &icc_size) && icc != NULL) {
        decoder->icc = icc;
        decoder->icc_size = icc_size;
    }
    header->width = cinfo->image_width;
    header->height = cinfo->image_height;
    header->components = cinfo->num_components;
    header->color_space = img_jpeg_color_space(cinfo->jpeg_color_space);
    header->data_precision = cinfo->data_precision;
    header->progressive = cinfo->progressive_mode ? 1 : 0;
    header->arithmetic = cinfo->arith_code ? 1 : 0;
    header->saw_adobe_marker = cinfo->saw_Adobe_marker ? 1 : 0;
    header->adobe_transform = cinfo->Adobe_transform;
    header->saw_jfif_marker = cinfo->saw_JFIF_marker ? 1 : 0;
    return IMG_OK;
}

size_t img_jpeg_icc_size(const img_jpeg *decoder) { return decoder->icc_size; }

size_t img_jpeg_icc_copy(const img_jpeg *decoder, uint8_t *out, size_t capacity) {
    return img_copy_bytes(decoder->icc, decoder->icc_size, out, capacity);
}

/* ---------------------------------------------------------------- pixel decoding */

int32_t img_jpeg_prepare(img_jpeg *decoder, int32_t scale_denom, uint32_t *out_width, uint32_t *out_height) {
    if (decoder->failed || !decoder->header_read || decoder->prepared || decoder->have_coefficients) {
        return img_jpeg_state_error(decoder, "JPEG decoder is not ready to prepare");
    }
    if (scale_denom != 1 && scale_denom != 2 && scale_denom != 4 && scale_denom != 8) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_ARGUMENT, "scale must be 1, 2, 4 or 8");
        return IMG_ERR_ARGUMENT;
    }
    j_decompress_ptr cinfo = &decoder->cinfo;
    if (setjmp(decoder->err.jump)) {
        return img_jpeg_fail(decoder);
    }
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        cinfo->out_color_space = JCS_RGB;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        cinfo->out_color_space = JCS_CMYK;
        break;
    default:
        img_jpeg_set_message(&decoder->err, IMG_ERR_UNSUPPORTED, "JPEG colour space with this component count is not supported");
        decoder->failed = 1;
        return IMG_ERR_UNSUPPORTED;
    }
    cinfo->scale_num = 1;
    cinfo->scale_denom = (unsigned int)scale_denom;
    cinfo->dct_method = JDCT_ISLOW;
    jpeg_calc_output_dimensions(cinfo);
    *out_width = cinfo->output_width;
    *out_height = cinfo->output_height;
    decoder->prepared = 1;
    return IMG_OK;
}

static inline uint8_t img_mul255(unsigned int a, unsigned int b) {
    return (uint8_t)((a * b + 127u) / 255u);
}

/* Converts `count` pixels of the decoded row (starting at pixel `first`) to RGB8. */
static void img_jpeg_convert_row(const JSAMPLE *row, int components, int adobe_inverted, uint32_t first,
                                 uint32_t count, uint8_t *out) {
    if (components == 3) {
        memcpy(out, row + (size_t)first * 3, (size_t)count * 3);
        return;
    }
    const JSAMPLE *pixel = row + (size_t)first * 4;
    for (uint32_t i = 0; i < count; i++, pixel += 4, out += 3) {
        unsigned int c = pixel[0], m = pixel[1], y = pixel[2], k = pixel[3];
        if (!adobe_inverted) {
            c = 255u - c;
            m = 255u - m;
            y = 255u - y;
            k = 255u - k;
        }
        /* Stored (inverted) values: 255 means no ink, so red = (255 - C) * (255 - K) / 255. */
        out[0] = img_mul255(c, k);
        out[1] = img_mul255(m, k);
        out[2] = img_mul255(y, k);
    }
}

int32_t img_jpeg_decode_rgb(img_jpeg *decoder, uint32_t x, uint32_t y, uint32_t width, uint32_t height,
                            uint8_t *out, size_t out_size, int32_t accept_truncated) {
    if (decoder->failed || !decoder->prepared || decoder->started) {
        return img_jpeg_state_error(decoder, "JPEG decoder is not ready to decode");
    }
    j_decompress_ptr cinfo = &decoder->cinfo;
    uint32_t full_width = cinfo->output_width;
    uint32_t full_height = cinfo->output_height;
    if (width == 0 || height == 0 || x > full_width || y > full_height || width > full_width - x ||
        height > full_height - y) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_ARGUMENT, "region is outside the image");
        return IMG_ERR_ARGUMENT;
    }
    if (out_size / 3 / width < height) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_ARGUMENT, "output buffer too small");
        return IMG_ERR_ARGUMENT;
    }
    if (setjmp(decoder->err.jump)) {
        if (decoder->started) {
            jpeg_abort_decompress(cinfo);
        }
        return img_jpeg_fail(decoder);
    }
    decoder->started = 1;
    decoder->accept_truncated = accept_truncated ? 1 : 0;
    jpeg_start_decompress(cinfo);
    int components = cinfo->output_components;
    if (components != 3 && components != 4) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_UNSUPPORTED, "unexpected JPEG output component count");
        jpeg_abort_decompress(cinfo);
        decoder->failed = 1;
        return IMG_ERR_UNSUPPORTED;
    }
    int adobe_inverted = cinfo->saw_Adobe_marker ? 1 : 0;
    /* Ask for one extra column on each side (when the image has it): libjpeg rounds the crop out
     * to iMCU boundaries and treats the crop's edges like image edges when upsampling chroma, so a
     * requested column sitting exactly on a crop edge would differ from a full decode. */
    JDIMENSION crop_x = x > 0 ? x - 1 : 0;
    JDIMENSION crop_end = width < full_width - x ? x + width + 1 : full_width;
    JDIMENSION crop_width = crop_end - crop_x;
    if (crop_x != 0 || crop_width != full_width) {
        jpeg_crop_scanline(cinfo, &crop_x, &crop_width);
    } else {
        crop_x = 0;
    }
    uint32_t column = x - crop_x; /* crop_x is rounded down to an iMCU boundary */
    if (y > 0) {
        JDIMENSION skipped = jpeg_skip_scanlines(cinfo, y);
        if (skipped != y || (decoder->err.data_ended && !decoder->accept_truncated)) {
            img_jpeg_set_message(&decoder->err, IMG_ERR_TRUNCATED, "JPEG data ended while skipping rows");
            jpeg_abort_decompress(cinfo);
            decoder->failed = 1;
            return IMG_ERR_TRUNCATED;
        }
    }
    JSAMPARRAY row = (*cinfo->mem->alloc_sarray)((j_common_ptr)cinfo, JPOOL_IMAGE,
                                                 cinfo->output_width * (JDIMENSION)components, 1);
    for (uint32_t r = 0; r < height; r++) {
        if (jpeg_read_scanlines(cinfo, row, 1) != 1 || (decoder->err.data_ended && !decoder->accept_truncated)) {
            /* Stop at the first sign of missing data: decoding the rest would only produce the
             * grey that libjpeg substitutes, at the full cost of the image. */
            char message[JMSG_LENGTH_MAX];
            snprintf(message, sizeof message, "JPEG image data ends at output row %u of %u",
                     (unsigned)cinfo->output_scanline, (unsigned)cinfo->output_height);
            img_jpeg_set_message(&decoder->err, IMG_ERR_TRUNCATED, message);
            jpeg_abort_decompress(cinfo);
            decoder->failed = 1;
            return IMG_ERR_TRUNCATED;
        }
        img_jpeg_convert_row(row[0], components, adobe_inverted, column, width, out + (size_t)r * width * 3);
    }
    if (y + height == full_height && cinfo->output_scanline == cinfo->output_height) {
        jpeg_finish_decompress(cinfo);
    } else {
        jpeg_abort_decompress(cinfo);
    }
    if (decoder->err.data_ended && !decoder->accept_truncated) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_TRUNCATED, "premature end of JPEG data");
        decoder->failed = 1;
        return IMG_ERR_TRUNCATED;
    }
    return IMG_OK;
}

/* ---------------------------------------------------------------- coefficients */

int32_t img_jpeg_read_coefficients(img_jpeg *decoder, int32_t *component_count) {
    if (decoder->failed || !decoder->header_read || decoder->prepared || decoder->have_coefficients) {
        return img_jpeg_state_error(decoder, "JPEG decoder is not ready to read coefficients");
    }
    j_decompress_ptr cinfo = &decoder->cinfo;
    if (setjmp(decoder->err.jump)) {
        return img_jpeg_fail(decoder);
    }
    decoder->coefficients = jpeg_read_coefficients(cinfo);
    if (decoder->coefficients == NULL) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_CORRUPT, "JPEG coefficients could not be read");
        decoder->failed = 1;
        return IMG_ERR_CORRUPT;
    }
    if (decoder->err.data_ended) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_TRUNCATED, "premature end of JPEG data");
        decoder->failed = 1;
        return IMG_ERR_TRUNCATED;
    }
    decoder->have_coefficients = 1;
    *component_count = cinfo->num_components;
    return IMG_OK;
}

int32_t img_jpeg_coefficient_component(const img_jpeg *decoder, int32_t index, img_jpeg_component *out) {
    const struct jpeg_decompress_struct *cinfo = &decoder->cinfo;
    if (!decoder->have_coefficients || decoder->failed || index < 0 || index >= cinfo->num_components) {
        return IMG_ERR_ARGUMENT;
    }
    const jpeg_component_info *comp = &cinfo->comp_info[index];
    out->component_id = comp->component_id;
    out->width_in_blocks = (int32_t)comp->width_in_blocks;
    out->height_in_blocks = (int32_t)comp->height_in_blocks;
    out->h_samp_factor = comp->h_samp_factor;
    out->v_samp_factor = comp->v_samp_factor;
    out->quant_tbl_no = comp->quant_tbl_no;
    return IMG_OK;
}

int32_t img_jpeg_coefficient_copy(img_jpeg *decoder, int32_t index, int16_t *out, size_t count) {
    j_decompress_ptr cinfo = &decoder->cinfo;
    if (!decoder->have_coefficients || decoder->failed || index < 0 || index >= cinfo->num_components) {
        return img_jpeg_state_error(decoder, "no coefficients for this component");
    }
    jpeg_component_info *comp = &cinfo->comp_info[index];
    size_t blocks_wide = comp->width_in_blocks;
    size_t blocks_high = comp->height_in_blocks;
    if (blocks_wide == 0 || blocks_high == 0 || count / DCTSIZE2 / blocks_wide < blocks_high) {
        img_jpeg_set_message(&decoder->err, IMG_ERR_ARGUMENT, "coefficient buffer too small");
        return IMG_ERR_ARGUMENT;
    }
    if (setjmp(decoder->err.jump)) {
        return img_jpeg_fail(decoder);
    }
    /* A block row is contiguous (JBLOCK is JCOEF[64] and JCOEF is a 16-bit short). */
    _Static_assert(sizeof(JCOEF) == sizeof(int16_t), "JCOEF must be 16 bits");
    for (JDIMENSION row = 0; row < (JDIMENSION)blocks_high; row++) {
        JBLOCKARRAY rows = (*cinfo->mem->access_virt_barray)((j_common_ptr)cinfo, decoder->coefficients[index],
                                                             row, 1, FALSE);
        memcpy(out + (size_t)row * blocks_wide * DCTSIZE2, rows[0], blocks_wide * sizeof(JBLOCK));
    }
    return IMG_OK;
}

int32_t img_jpeg_quant_table(const img_jpeg *decoder, int32_t slot, uint16_t out[64]) {
    if (slot < 0 || slot >= NUM_QUANT_TBLS || !decoder->header_read) {
        return IMG_ERR_ARGUMENT;
    }
    const JQUANT_TBL *table = decoder->cinfo.quant_tbl_ptrs[slot];
    if (table == NULL) {
        return IMG_ERR_ARGUMENT;
    }
    for (int k = 0; k < DCTSIZE2; k++) {
        out[k] = table->quantval[k];
    }
    return IMG_OK;
}

/* ---------------------------------------------------------------- encoding */

/* A growable in-memory destination (realloc-based, so a failed encode leaks nothing). */
typedef struct img_jpeg_encoder {
    struct jpeg_compress_struct cinfo;
    img_jpeg_error err;
    struct jpeg_destination_mgr dest;
    uint8_t *buffer;
    size_t capacity;
    size_t size;
    int created;
} img_jpeg_encoder;

static void img_dest_init(j_compress_ptr cinfo) {
    img_jpeg_encoder *encoder = (img_jpeg_encoder *)cinfo->client_data;
    encoder->capacity = 65536;
    encoder->buffer = malloc(encoder->capacity);
    if (encoder->buffer == NULL) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 100);
    }
    encoder->dest.next_output_byte = encoder->buffer;
    encoder->dest.free_in_buffer = encoder->capacity;
}

static boolean img_dest_empty(j_compress_ptr cinfo) {
    img_jpeg_encoder *encoder = (img_jpeg_encoder *)cinfo->client_data;
    size_t used = encoder->capacity;
    if (encoder->capacity > SIZE_MAX / 2) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 101);
    }
    size_t grown = encoder->capacity * 2;
    uint8_t *buffer = realloc(encoder->buffer, grown);
    if (buffer == NULL) {
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 102);
    }
    encoder->buffer = buffer;
    encoder->capacity = grown;
    encoder->dest.next_output_byte = buffer + used;
    encoder->dest.free_in_buffer = grown - used;
    return TRUE;
}

static void img_dest_term(j_compress_ptr cinfo) {
    img_jpeg_encoder *encoder = (img_jpeg_encoder *)cinfo->client_data;
    encoder->size = encoder->capacity - encoder->dest.free_in_buffer;
}

int32_t img_jpeg_encode_rgb(const uint8_t *rgb, uint32_t width, uint32_t height, int32_t quality,
                            int32_t progressive, int32_t subsampling, uint8_t **out_data, size_t *out_size,
                            char *message, size_t message_capacity) {
    *out_data = NULL;
    *out_size = 0;
    if (width == 0 || height == 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION) {
        img_copy_message(message, message_capacity, "JPEG dimensions must be between 1 and 65500");
        return IMG_ERR_ARGUMENT;
    }
    if (quality < 1 || quality > 100) {
        img_copy_message(message, message_capacity, "JPEG quality must be between 1 and 100");
        return IMG_ERR_ARGUMENT;
    }
    int h_luma, v_luma;
    switch (subsampling) {
    case 444: h_luma = 1; v_luma = 1; break;
    case 422: h_luma = 2; v_luma = 1; break;
    case 420: h_luma = 2; v_luma = 2; break;
    default:
        img_copy_message(message, message_capacity, "chroma subsampling must be 444, 422 or 420");
        return IMG_ERR_ARGUMENT;
    }
    /* All state lives on the heap so it is well defined after longjmp. */
    img_jpeg_encoder *encoder = calloc(1, sizeof *encoder);
    if (encoder == NULL) {
        img_copy_message(message, message_capacity, "out of memory");
        return IMG_ERR_NOMEM;
    }
    encoder->cinfo.err = &encoder->err.pub;
    img_jpeg_error_init(&encoder->err);
    if (setjmp(encoder->err.jump)) {
        int32_t code = encoder->err.code == IMG_OK ? IMG_ERR_CORRUPT : encoder->err.code;
        img_copy_message(message, message_capacity, encoder->err.message);
        if (encoder->created) {
            jpeg_destroy_compress(&encoder->cinfo);
        }
        free(encoder->buffer);
        free(encoder);
        return code;
    }
    j_compress_ptr cinfo = &encoder->cinfo;
    jpeg_create_compress(cinfo);
    encoder->created = 1;
    cinfo->client_data = encoder;
    encoder->dest.init_destination = img_dest_init;
    encoder->dest.empty_output_buffer = img_dest_empty;
    encoder->dest.term_destination = img_dest_term;
    cinfo->dest = &encoder->dest;
    cinfo->image_width = width;
    cinfo->image_height = height;
    cinfo->input_components = 3;
    cinfo->in_color_space = JCS_RGB;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    cinfo->dct_method = JDCT_ISLOW;
    cinfo->comp_info[0].h_samp_factor = h_luma;
    cinfo->comp_info[0].v_samp_factor = v_luma;
    cinfo->comp_info[1].h_samp_factor = 1;
    cinfo->comp_info[1].v_samp_factor = 1;
    cinfo->comp_info[2].h_samp_factor = 1;
    cinfo->comp_info[2].v_samp_factor = 1;
    if (progressive) {
        jpeg_simple_progression(cinfo);
    }
    jpeg_start_compress(cinfo, TRUE);
    size_t stride = (size_t)width * 3;
    while (cinfo->next_scanline < cinfo->image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)cinfo->next_scanline * stride);
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    jpeg_destroy_compress(cinfo);
    *out_data = encoder->buffer;
    *out_size = encoder->size;
    free(encoder);
    return IMG_OK;
}
