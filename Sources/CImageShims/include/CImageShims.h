#ifndef CIMAGESHIMS_H
#define CIMAGESHIMS_H

/*
 * Guarded wrappers around libjpeg(-turbo) and libpng for the ImageDecoding module.
 *
 * Why this target exists: both libraries report fatal errors by calling an error handler that
 * must not return. Their defaults exit the process (libjpeg) or abort. Every entry point here
 * installs a handler that records a message and longjmps back into the same C function that
 * called the library, which then returns a status code. Swift never sees setjmp/longjmp, and no
 * longjmp ever crosses a Swift frame.
 *
 * This header deliberately includes neither jpeglib.h nor png.h: the decoders are opaque, so no
 * C library type leaks into Swift.
 */

#include <stddef.h>
#include <stdint.h>

/* Status codes returned by every fallible function. */
enum {
    IMG_OK = 0,
    IMG_ERR_TRUNCATED = 1,   /* the data ended before the image was complete */
    IMG_ERR_CORRUPT = 2,     /* the library rejected the data */
    IMG_ERR_UNSUPPORTED = 3, /* well-formed, but uses a feature this build cannot decode */
    IMG_ERR_LIMIT = 4,       /* a configured limit (memory, scans) was exceeded */
    IMG_ERR_NOMEM = 5,       /* an allocation failed */
    IMG_ERR_ARGUMENT = 6,    /* the caller passed an invalid argument */
    IMG_ERR_STATE = 7,       /* the call came in the wrong order or after an earlier failure */
    IMG_ERR_MEMORY_BUDGET = 8, /* decoding needs more memory than img_budget.max_memory allows */
    IMG_ERR_SCAN_BUDGET = 9    /* the file has more scans than img_budget.max_scans allows */
};

/*
 * Cost budget of one decode, shared by every decoder shim (JPEG and PNG here; new formats take the
 * same struct). A zero field means "no limit". Swift fills it from ImageDecoding's DecodeBudget.
 */
typedef struct img_budget {
    /* Bytes the C library may allocate for its own working memory (libjpeg's coefficient buffers of
     * progressive and multi-scan files; passed to the library's memory manager). */
    uint64_t max_memory;
    /* Scans accepted before decoding stops with IMG_ERR_SCAN_BUDGET (already scaled to the image size
     * by the caller). */
    int32_t max_scans;
    /* Bytes of input a PNG decoder may read after the last row while finishing the compressed image
     * data; past it the decoder stops, keeps the complete rows and counts a warning. */
    uint64_t max_trailing_bytes;
} img_budget;

/* What one decode cost so far: the work counters that budgets are checked against. */
typedef struct img_work {
    uint64_t bytes_read;     /* input bytes the library consumed */
    uint64_t trailing_bytes; /* PNG: input bytes read after the last row */
    int32_t scans;           /* JPEG: scans started */
    uint32_t rows;           /* output rows completed */
    int32_t stopped_early;   /* PNG: 1 when reading stopped at the trailing budget (rows complete) */
    int32_t data_ended;      /* 1 when the image data ended before the last row (JPEG: EOI or EOF in a scan) */
} img_work;

/* JPEG colour spaces as reported in img_jpeg_header.color_space. */
enum {
    IMG_JPEG_CS_UNKNOWN = 0,
    IMG_JPEG_CS_GRAY = 1,
    IMG_JPEG_CS_YCBCR = 2,
    IMG_JPEG_CS_RGB = 3,
    IMG_JPEG_CS_CMYK = 4,
    IMG_JPEG_CS_YCCK = 5
};

/* Frees memory returned by this module (encoder outputs). Accepts NULL. */
void img_free(void *pointer);

/* ---------------------------------------------------------------- JPEG decoding */

typedef struct img_jpeg img_jpeg;

typedef struct img_jpeg_header {
    uint32_t width;
    uint32_t height;
    int32_t components;
    int32_t color_space;      /* IMG_JPEG_CS_* (the file's colour space as libjpeg sees it) */
    int32_t data_precision;   /* bits per sample: 8 (12 is rejected by this build) */
    int32_t progressive;
    int32_t arithmetic;
    int32_t saw_adobe_marker;
    int32_t adobe_transform;
    int32_t saw_jfif_marker;
} img_jpeg_header;

typedef struct img_jpeg_component {
    int32_t component_id;
    int32_t width_in_blocks;
    int32_t height_in_blocks;
    int32_t h_samp_factor;
    int32_t v_samp_factor;
    int32_t quant_tbl_no;
} img_jpeg_component;

/*
 * Creates a decoder over `size` bytes at `data`. The bytes are not copied and must stay alive and
 * unchanged until img_jpeg_destroy. `budget` caps libjpeg's working memory (max_memory, enforced by
 * its memory manager when it allocates the coefficient buffers) and the number of scans (max_scans);
 * img_jpeg_set_budget can tighten it once the header is known. Returns NULL only when out of memory.
 */
img_jpeg *img_jpeg_create(const uint8_t *data, size_t size, img_budget budget);
void img_jpeg_destroy(img_jpeg *decoder);
/* Replaces the budget (call after img_jpeg_read_header, before decoding). */
void img_jpeg_set_budget(img_jpeg *decoder, img_budget budget);
/* The work done so far. */
void img_jpeg_work(const img_jpeg *decoder, img_work *work);

/* The message of the last failure (empty when none). Valid until the next call on the decoder. */
const char *img_jpeg_message(const img_jpeg *decoder);
/* Number of warnings (corrupt-data warnings and the like) libjpeg emitted so far. */
int32_t img_jpeg_warning_count(const img_jpeg *decoder);
/* The text of the first warning, empty when none. */
const char *img_jpeg_first_warning(const img_jpeg *decoder);

/* How far into the data libjpeg has read (an approximate offset for error reports). */
size_t img_jpeg_position(const img_jpeg *decoder);

/* Reads markers up to the first scan. Saves APP2 markers so the ICC profile can be extracted. */
int32_t img_jpeg_read_header(img_jpeg *decoder, img_jpeg_header *header);
/* Size of the embedded ICC profile (0 when none); valid after img_jpeg_read_header. */
size_t img_jpeg_icc_size(const img_jpeg *decoder);
/* Copies the ICC profile into `out` (capacity `capacity`); returns the number of bytes copied. */
size_t img_jpeg_icc_copy(const img_jpeg *decoder, uint8_t *out, size_t capacity);

/*
 * Chooses 1/scale_denom output scaling (1, 2, 4 or 8) and RGB output, and reports the output
 * dimensions. Allocates nothing large. Call after img_jpeg_read_header.
 */
int32_t img_jpeg_prepare(img_jpeg *decoder, int32_t scale_denom, uint32_t *out_width, uint32_t *out_height);

/*
 * Decodes the region (x, y, width, height) of the scaled output into `out` as interleaved RGB8
 * (`out_size` must be at least width*height*3). A region smaller than the output decodes only the
 * needed scanlines (jpeg_skip_scanlines) and columns (jpeg_crop_scanline). CMYK and YCCK are
 * converted to RGB, with Adobe-inverted CMYK detected from the APP14 marker.
 * When the image data ends early (the input runs out, or EOI arrives inside a scan) the function
 * stops at once and returns IMG_ERR_TRUNCATED, unless `accept_truncated` is set: then libjpeg fills
 * the missing part (grey) and the call succeeds with a warning.
 */
int32_t img_jpeg_decode_rgb(img_jpeg *decoder, uint32_t x, uint32_t y, uint32_t width, uint32_t height,
                            uint8_t *out, size_t out_size, int32_t accept_truncated);

/* Reads all DCT coefficients without decoding pixels (jpeg_read_coefficients). */
int32_t img_jpeg_read_coefficients(img_jpeg *decoder, int32_t *component_count);
int32_t img_jpeg_coefficient_component(const img_jpeg *decoder, int32_t index, img_jpeg_component *out);
/* Copies one component's blocks (64 coefficients each, natural order, blocks row-major). */
int32_t img_jpeg_coefficient_copy(img_jpeg *decoder, int32_t index, int16_t *out, size_t count);
/* Copies quantization table `slot` (0-3, natural order). Returns IMG_OK, or IMG_ERR_ARGUMENT when absent. */
int32_t img_jpeg_quant_table(const img_jpeg *decoder, int32_t slot, uint16_t out[64]);

/* ---------------------------------------------------------------- JPEG encoding */

/*
 * Encodes interleaved RGB8 as a baseline (or progressive) JPEG in memory. `subsampling` is
 * 444, 422 or 420. On success *out_data is a buffer to release with img_free. On failure a message
 * is written to `message` (capacity `message_capacity`).
 */
int32_t img_jpeg_encode_rgb(const uint8_t *rgb, uint32_t width, uint32_t height, int32_t quality,
                            int32_t progressive, int32_t subsampling, uint8_t **out_data, size_t *out_size,
                            char *message, size_t message_capacity);

/* ---------------------------------------------------------------- PNG decoding */

typedef struct img_png img_png;

typedef struct img_png_header {
    uint32_t width;
    uint32_t height;
    int32_t bit_depth;
    int32_t color_type;   /* PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA */
    int32_t interlaced;
    int32_t has_trns;
    int32_t palette_size;
} img_png_header;

/*
 * Creates a decoder over `size` bytes at `data` (not copied; must outlive the decoder).
 * `max_chunk_bytes` bounds the memory libpng may allocate for one ancillary chunk, including
 * decompressed iCCP data. `budget.max_trailing_bytes` bounds what is read after the last row.
 * Returns NULL only when out of memory.
 */
img_png *img_png_create(const uint8_t *data, size_t size, uint32_t max_chunk_bytes, img_budget budget);
/* The work done so far. */
void img_png_work(const img_png *decoder, img_work *work);
void img_png_destroy(img_png *decoder);
const char *img_png_message(const img_png *decoder);
int32_t img_png_warning_count(const img_png *decoder);
const char *img_png_first_warning(const img_png *decoder);

/* How far into the data libpng has read (an approximate offset for error reports). */
size_t img_png_position(const img_png *decoder);

/* Reads the signature and every chunk before the first IDAT. */
int32_t img_png_read_header(img_png *decoder, img_png_header *header);
size_t img_png_icc_size(const img_png *decoder);
size_t img_png_icc_copy(const img_png *decoder, uint8_t *out, size_t capacity);

/*
 * Decodes the region (x, y, width, height) of the image. `rgb` receives RGB8 (width*height*3);
 * `alpha` (nullable) receives 8-bit alpha (width*height); `rgb16` (nullable) receives 16-bit RGB
 * samples (width*height*3). 16-bit images are reduced to 8 bits by rounding v*255/65535.
 * Rows below the region of a non-interlaced image are not decoded. Interlaced images are
 * de-interlaced straight into the outputs (no whole-image buffer). After the last row the rest of
 * the compressed data is read only within budget.max_trailing_bytes, then the chunks after the
 * image data are checked (problems there are warnings: the pixels are complete).
 */
int32_t img_png_decode(img_png *decoder, uint32_t x, uint32_t y, uint32_t width, uint32_t height,
                       uint8_t *rgb, uint8_t *alpha, uint16_t *rgb16);

/* ---------------------------------------------------------------- PNG encoding */

/* Encodes interleaved RGB8 as an 8-bit RGB PNG in memory; release *out_data with img_free. */
int32_t img_png_encode_rgb(const uint8_t *rgb, uint32_t width, uint32_t height, uint8_t **out_data,
                           size_t *out_size, char *message, size_t message_capacity);

/* ---------------------------------------------------------------- WebP, HEIF/AVIF, TIFF decoding */

/*
 * These three decoders share one shape: img_*_info reads the header facts (no pixel memory), the
 * caller checks its limits and allocates width*height*4 bytes, then img_*_decode_rgba fills them with
 * interleaved RGBA8 (alpha 255 where the image has none). Every function returns an IMG_* status and
 * writes a message into the caller's buffer on failure. None of them aborts or exits.
 */
typedef struct img_image_info {
    uint32_t width;        /* the image width (HEIF: after its transforms; TIFF: as stored) */
    uint32_t height;
    int32_t has_alpha;
    int32_t bit_depth;     /* bits per sample stored in the file */
    int32_t frame_count;   /* frames in an animation (1 for a still image; 0 when unknown) */
    int32_t lossless;      /* WebP: VP8L; otherwise 0 */
    int32_t orientation;   /* TIFF Orientation tag (1 when absent); HEIF transforms are applied by libheif */
    int32_t photometric;   /* TIFF photometric interpretation, -1 when not TIFF */
} img_image_info;

/* WebP: still images through libwebp, animations through libwebpdemux (first frame composed onto
 * the canvas). */
int32_t img_webp_info(const uint8_t *data, size_t size, img_image_info *info, char *message, size_t capacity);
int32_t img_webp_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t out_size, char *message,
                             size_t capacity);
/* Encodes interleaved RGB8 as a lossy WebP (libwebp's default preset, method 4) at `quality` 0-100;
 * release *out_data with img_free. */
int32_t img_webp_encode_rgb(const uint8_t *rgb, uint32_t width, uint32_t height, int32_t quality, uint8_t **out_data,
                            size_t *out_size, char *message, size_t capacity);

/* HEIF/HEIC/AVIF primary image. `max_dimension` is passed to libheif's image-size security limit
 * (heif_context_set_maximum_image_size_limit). *icc_size receives the ICC profile's size; copy it with
 * img_heif_icc. */
typedef struct img_heif img_heif;
img_heif *img_heif_create(const uint8_t *data, size_t size, int32_t max_dimension, int32_t *status, char *message,
                          size_t capacity);
void img_heif_destroy(img_heif *decoder);
int32_t img_heif_info(img_heif *decoder, img_image_info *info, size_t *icc_size);
size_t img_heif_icc(img_heif *decoder, uint8_t *out, size_t capacity);
/* Decodes into `out` (capacity `out_size` >= width*height*4 of the info); out_width and out_height give the
 * decoded size (a 90-degree `irot` swaps them). */
int32_t img_heif_decode_rgba(img_heif *decoder, uint8_t *out, size_t out_size, uint32_t *out_width,
                             uint32_t *out_height, char *message, size_t capacity);

/* TIFF/DNG first directory (IFD0; in a DNG usually the preview). `max_alloc` bounds libtiff's single
 * allocations (TIFFOpenOptionsSetMaxSingleMemAlloc); errors and warnings go to per-handle handlers. */
typedef struct img_tiff img_tiff;
img_tiff *img_tiff_create(const uint8_t *data, size_t size, uint64_t max_alloc, int32_t *status, char *message,
                          size_t capacity);
void img_tiff_destroy(img_tiff *decoder);
int32_t img_tiff_info(img_tiff *decoder, img_image_info *info, size_t *icc_size);
size_t img_tiff_icc(img_tiff *decoder, uint8_t *out, size_t capacity);
/* Decodes IFD0 to RGBA, flipped to top-left by libtiff for orientations 1-4 (and the flip part of 5-8;
 * the caller transposes 5-8). The output size is the stored width x height. */
int32_t img_tiff_decode_rgba(img_tiff *decoder, uint8_t *out, size_t out_size, uint32_t *out_width,
                             uint32_t *out_height, char *message, size_t capacity);
const char *img_tiff_message(const img_tiff *decoder);

/* ---------------------------------------------------------------- Video (FFmpeg) */

/*
 * MP4, QuickTime and WebM through FFmpeg's libraries. The demuxer reads from memory through a custom
 * AVIOContext: no protocol is ever opened (nested opens, such as QuickTime data references, are refused),
 * only the mov/mp4 and matroska/webm demuxers may probe the data, and only an allow-list of video decoders
 * may open. Decoding is single-threaded. One wall-clock deadline, set when the reader is created, covers
 * everything done with it: the demuxer's interrupt callback and the decode loop both stop at it with
 * IMG_ERR_TIME_BUDGET. Every failure is a status code with a message; nothing aborts.
 */
enum {
    IMG_ERR_TIME_BUDGET = 10, /* the reader's decode-time budget ran out */
    IMG_ERR_LIBRARY = 11      /* the library failed for a reason other than the data */
};

typedef struct img_video img_video;

/* Container and stream facts, read from the headers (no frame is decoded for them). */
typedef struct img_video_info {
    char container[32];      /* the demuxer's name: "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm" */
    char codec[32];          /* the video decoder's name (h264, hevc, vp9, av1, ...) */
    uint32_t width;          /* coded frame size */
    uint32_t height;
    int64_t duration_us;     /* the file's duration in microseconds; -1 when unknown */
    int32_t frame_rate_num;  /* average frame rate (0/0 when unknown) */
    int32_t frame_rate_den;
    int64_t declared_frames; /* the stream's frame count from the header; 0 when not declared */
    int32_t rotation;        /* clockwise display rotation in whole degrees (0...359) from the display matrix */
    int32_t has_audio;       /* 1 when the file has an audio stream */
    int32_t time_base_num;   /* the video stream's time base (timestamps below are in it) */
    int32_t time_base_den;
    int64_t bit_rate;        /* bits per second; 0 when unknown */
    int32_t has_display_matrix; /* 1 when the video stream carries a display matrix (MP4/MOV tkhd) */
    int32_t display_matrix[9];  /* that matrix as stored: a b u c d v x y w (16.16, u v w 2.30 fixed point) */
} img_video_info;

/*
 * Opens a reader over `size` bytes at `data` (not copied; they must outlive the reader). `max_pixels`
 * bounds the frame size the decoder accepts (AVCodecContext.max_pixels); `max_seconds` is the wall-clock
 * budget for everything done with this reader (0 = none). On failure *status is set, the message written,
 * and the returned reader (possibly NULL) must still be destroyed.
 */
img_video *img_video_open(const uint8_t *data, size_t size, int64_t max_pixels, double max_seconds, int32_t *status,
                          char *message, size_t capacity);
void img_video_destroy(img_video *reader);
int32_t img_video_get_info(const img_video *reader, img_video_info *info);
/* Writes the container's and the video stream's metadata as "scope\tkey\tvalue\n" lines (scope
 * "format" or "stream"), NUL-terminated and truncated to `capacity`; returns the bytes written. */
size_t img_video_tags(const img_video *reader, char *out, size_t capacity);

/*
 * Reads every packet of the video stream (no decoding) and writes each one's presentation timestamp
 * (the decode timestamp when the packet has none) and key-frame flag, in file order, up to `capacity`.
 * Stops with IMG_ERR_LIMIT when the stream has more than `capacity` packets. *count receives how many
 * were written. Rewinds to the start afterwards.
 */
int32_t img_video_index(img_video *reader, int64_t *timestamps, uint8_t *keyframes, size_t capacity, size_t *count,
                        char *message, size_t capacity_message);

/*
 * Decodes the first frame whose timestamp is at least `target` (in the stream's time base) and converts
 * it to interleaved RGB8 of out_width x out_height (scaled when that differs from the frame). With `seek`
 * the reader first seeks to the key frame at or before `target`; without it decoding continues from the
 * last decoded frame (the caller knows no key frame lies between). Packets other than the target's are
 * decoded with non-reference frames skipped. *frame_timestamp receives the frame's timestamp. The
 * frame's own metadata (frame dictionary, unregistered SEI user data, printable part) is kept for
 * img_video_frame_text.
 */
int32_t img_video_decode(img_video *reader, int64_t target, int32_t seek, uint32_t out_width, uint32_t out_height,
                         uint8_t *out, size_t out_size, int64_t *frame_timestamp, int32_t *frame_was_key,
                         char *message, size_t capacity);
/* The last decoded frame's metadata text ("key=value" lines), NUL-terminated; returns the bytes written. */
size_t img_video_frame_text(const img_video *reader, char *out, size_t capacity);
/* Frames decoded and packets read by this reader so far (work counters for reports and tests). */
void img_video_work(const img_video *reader, int64_t *frames_decoded, int64_t *packets_read);

#endif
