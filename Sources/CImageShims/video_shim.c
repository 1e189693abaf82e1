/*
 * FFmpeg (libavformat, libavcodec, libswscale) behind status codes, for MP4, QuickTime and WebM.
 *
 * The input is a memory buffer read through a custom AVIOContext, so no URL protocol is involved; nested
 * opens (QuickTime data references, HLS-style playlists) go through io_open, which refuses them. Only the
 * mov/mp4 and matroska/webm demuxers may probe the data, only an allow-list of decoders may open, decoding
 * is single-threaded, and one wall-clock deadline bounds the reader's whole life: the demuxer's interrupt
 * callback and the decode loop stop at it. FFmpeg never aborts on bad data; every failure is returned.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/time.h>
#include <libswscale/swscale.h>

#include "CImageShims.h"
#include "img_internal.h"

/* Demuxers that may open the data (AVFormatContext.format_whitelist). */
static const char *const img_video_formats = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm";
/* Decoders that may open (AVCodecContext.codec_whitelist): what MP4, MOV and WebM carry in practice. */
static const char *const img_video_codecs =
    "h264,hevc,vp8,vp9,av1,libdav1d,libaom-av1,mpeg4,mpeg2video,mpeg1video,h263,mjpeg,prores,dnxhd,png";
/* Bytes the demuxer may read while probing streams, and the AVIO buffer size. */
enum { IMG_VIDEO_PROBE_BYTES = 4 << 20, IMG_VIDEO_IO_BUFFER = 64 << 10, IMG_VIDEO_MAX_STREAMS = 64 };

struct img_video {
    const uint8_t *data;
    size_t size;
    int64_t position;
    int64_t deadline; /* av_gettime_relative() microseconds; 0 = none */
    AVFormatContext *format;
    AVIOContext *io;
    AVCodecContext *decoder;
    struct SwsContext *scaler;
    AVPacket *packet;
    AVFrame *frame;
    int stream;
    int64_t frames_decoded;
    int64_t packets_read;
    int draining;
    int reached_end; /* the demuxer asked for bytes past the end of the data */
    char frame_text[1024];
};

static int img_video_read(void *opaque, uint8_t *buffer, int size) {
    img_video *reader = opaque;
    if (reader->position >= (int64_t)reader->size) {
        reader->reached_end = 1;
        return AVERROR_EOF;
    }
    int64_t left = (int64_t)reader->size - reader->position;
    int count = size < left ? size : (int)left;
    memcpy(buffer, reader->data + reader->position, (size_t)count);
    reader->position += count;
    return count;
}

static int64_t img_video_seek(void *opaque, int64_t offset, int whence) {
    img_video *reader = opaque;
    int64_t base;
    switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE:
        return (int64_t)reader->size;
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = reader->position;
        break;
    case SEEK_END:
        base = (int64_t)reader->size;
        break;
    default:
        return AVERROR(EINVAL);
    }
    if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0) {
        return AVERROR(EINVAL);
    }
    if (base + offset > (int64_t)reader->size) {
        reader->reached_end = 1;
        return AVERROR(EINVAL);
    }
    reader->position = base + offset;
    return reader->position;
}

/* Nested opens (data references, external tracks) are never allowed: the file is all there is. */
static int img_video_refuse_open(struct AVFormatContext *context, AVIOContext **pb, const char *url, int flags,
                                 AVDictionary **options) {
    (void)context;
    (void)pb;
    (void)url;
    (void)flags;
    (void)options;
    return AVERROR(EPERM);
}

static int img_video_past_deadline(const img_video *reader) {
    return reader->deadline > 0 && av_gettime_relative() > reader->deadline;
}

static int img_video_interrupt(void *opaque) { return img_video_past_deadline(opaque); }

/* Maps an FFmpeg error to a status and writes its text. */
static int32_t img_video_status(const img_video *reader, int error, const char *what, char *message, size_t capacity) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(error, text, sizeof(text));
    char line[384];
    snprintf(line, sizeof(line), "%s: %s", what, text);
    if ((reader != NULL && img_video_past_deadline(reader)) || error == AVERROR_EXIT) {
        snprintf(line, sizeof(line), "%s: the decode-time budget ran out", what);
        img_copy_message(message, capacity, line);
        return IMG_ERR_TIME_BUDGET;
    }
    img_copy_message(message, capacity, line);
    if (error == AVERROR(ENOMEM)) return IMG_ERR_NOMEM;
    if (error == AVERROR_EOF) return IMG_ERR_TRUNCATED;
    if (error == AVERROR_DECODER_NOT_FOUND || error == AVERROR_DEMUXER_NOT_FOUND || error == AVERROR_PATCHWELCOME ||
        error == AVERROR(ENOSYS) || error == AVERROR(EPERM)) {
        return IMG_ERR_UNSUPPORTED;
    }
    if (error == AVERROR(EINVAL) && reader == NULL) return IMG_ERR_ARGUMENT;
    return IMG_ERR_CORRUPT;
}

static int img_video_is_audio(const AVStream *stream) {
    return stream->codecpar != NULL && stream->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
}

img_video *img_video_open(const uint8_t *data, size_t size, int64_t max_pixels, double max_seconds, int32_t *status,
                          char *message, size_t capacity) {
    *status = IMG_ERR_NOMEM;
    img_video *reader = calloc(1, sizeof(img_video));
    if (reader == NULL) {
        return NULL;
    }
    reader->data = data;
    reader->size = size;
    reader->stream = -1;
    if (max_seconds > 0) {
        reader->deadline = av_gettime_relative() + (int64_t)(max_seconds * 1e6);
    }
    av_log_set_level(AV_LOG_QUIET);
    if (data == NULL || size == 0) {
        *status = IMG_ERR_TRUNCATED;
        img_copy_message(message, capacity, "the file is empty");
        return reader;
    }
    uint8_t *buffer = av_malloc(IMG_VIDEO_IO_BUFFER);
    reader->packet = av_packet_alloc();
    reader->frame = av_frame_alloc();
    reader->format = avformat_alloc_context();
    if (buffer == NULL || reader->packet == NULL || reader->frame == NULL || reader->format == NULL) {
        av_free(buffer);
        img_copy_message(message, capacity, "out of memory creating the demuxer");
        return reader;
    }
    reader->io = avio_alloc_context(buffer, IMG_VIDEO_IO_BUFFER, 0, reader, img_video_read, NULL, img_video_seek);
    if (reader->io == NULL) {
        av_free(buffer);
        img_copy_message(message, capacity, "out of memory creating the reader");
        return reader;
    }
    AVFormatContext *format = reader->format;
    format->pb = reader->io;
    format->flags |= AVFMT_FLAG_CUSTOM_IO;
    format->io_open = img_video_refuse_open;
    format->interrupt_callback.callback = img_video_interrupt;
    format->interrupt_callback.opaque = reader;
    format->probesize = IMG_VIDEO_PROBE_BYTES;
    format->max_analyze_duration = 2 * AV_TIME_BASE;
    format->max_streams = IMG_VIDEO_MAX_STREAMS;
    format->format_whitelist = av_strdup(img_video_formats);
    format->protocol_whitelist = av_strdup("none");
    if (format->format_whitelist == NULL || format->protocol_whitelist == NULL) {
        img_copy_message(message, capacity, "out of memory configuring the demuxer");
        return reader;
    }
    int error = avformat_open_input(&reader->format, NULL, NULL, NULL);
    if (error < 0) {
        /* avformat_open_input frees the context on failure. */
        reader->format = NULL;
        *status = img_video_status(reader, error, "cannot open the container", message, capacity);
        return reader;
    }
    format = reader->format;
    int best = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    if (best >= 0 && (format->streams[best]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
        best = -1;
        for (unsigned i = 0; i < format->nb_streams; i++) {
            AVStream *candidate = format->streams[i];
            if (candidate->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
                !(candidate->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
                best = (int)i;
                break;
            }
        }
    }
    if (best < 0) {
        *status = IMG_ERR_UNSUPPORTED;
        img_copy_message(message, capacity, "the file has no video stream");
        return reader;
    }
    reader->stream = best;
    AVStream *stream = format->streams[best];
    if (stream->codecpar->width <= 0 || stream->codecpar->height <= 0) {
        /* Some WebM/Matroska files only declare the frame size in the bitstream: probe it (bounded by
         * probesize, max_analyze_duration and the deadline). */
        error = avformat_find_stream_info(format, NULL);
        if (error < 0 || stream->codecpar->width <= 0 || stream->codecpar->height <= 0) {
            *status = error < 0 ? img_video_status(reader, error, "cannot read the stream parameters", message, capacity)
                                : IMG_ERR_CORRUPT;
            if (error >= 0) img_copy_message(message, capacity, "the video stream declares no frame size");
            return reader;
        }
    }
    if (max_pixels > 0 && (int64_t)stream->codecpar->width * stream->codecpar->height > max_pixels) {
        *status = IMG_ERR_LIMIT;
        char line[128];
        snprintf(line, sizeof(line), "frames are %dx%d, over the limit of %lld pixels", stream->codecpar->width,
                 stream->codecpar->height, (long long)max_pixels);
        img_copy_message(message, capacity, line);
        return reader;
    }
    const AVCodec *codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (codec == NULL) {
        *status = IMG_ERR_UNSUPPORTED;
        char line[128];
        snprintf(line, sizeof(line), "no decoder for codec %s", avcodec_get_name(stream->codecpar->codec_id));
        img_copy_message(message, capacity, line);
        return reader;
    }
    reader->decoder = avcodec_alloc_context3(codec);
    if (reader->decoder == NULL) {
        img_copy_message(message, capacity, "out of memory creating the decoder");
        return reader;
    }
    error = avcodec_parameters_to_context(reader->decoder, stream->codecpar);
    if (error < 0) {
        *status = img_video_status(reader, error, "cannot configure the decoder", message, capacity);
        return reader;
    }
    reader->decoder->thread_count = 1;
    reader->decoder->pkt_timebase = stream->time_base;
    if (max_pixels > 0) {
        reader->decoder->max_pixels = max_pixels;
    }
    reader->decoder->codec_whitelist = av_strdup(img_video_codecs);
    if (reader->decoder->codec_whitelist == NULL) {
        img_copy_message(message, capacity, "out of memory configuring the decoder");
        return reader;
    }
    error = avcodec_open2(reader->decoder, codec, NULL);
    if (error < 0) {
        *status = img_video_status(reader, error, "cannot open the decoder", message, capacity);
        if (*status == IMG_ERR_CORRUPT) *status = IMG_ERR_UNSUPPORTED;
        return reader;
    }
    *status = IMG_OK;
    return reader;
}

void img_video_destroy(img_video *reader) {
    if (reader == NULL) {
        return;
    }
    sws_freeContext(reader->scaler);
    avcodec_free_context(&reader->decoder);
    if (reader->format != NULL) {
        avformat_close_input(&reader->format);
    }
    if (reader->io != NULL) {
        av_freep(&reader->io->buffer);
        avio_context_free(&reader->io);
    }
    av_packet_free(&reader->packet);
    av_frame_free(&reader->frame);
    free(reader);
}

static void img_video_copy_name(char *out, size_t capacity, const char *name) {
    img_copy_message(out, capacity, name != NULL ? name : "");
}

int32_t img_video_get_info(const img_video *reader, img_video_info *info) {
    if (reader == NULL || reader->format == NULL || reader->decoder == NULL || reader->stream < 0 || info == NULL) {
        return IMG_ERR_STATE;
    }
    memset(info, 0, sizeof(*info));
    const AVFormatContext *format = reader->format;
    const AVStream *stream = format->streams[reader->stream];
    img_video_copy_name(info->container, sizeof(info->container), format->iformat != NULL ? format->iformat->name : "");
    img_video_copy_name(info->codec, sizeof(info->codec), avcodec_get_name(stream->codecpar->codec_id));
    info->width = (uint32_t)stream->codecpar->width;
    info->height = (uint32_t)stream->codecpar->height;
    info->duration_us = format->duration != AV_NOPTS_VALUE ? format->duration : -1;
    if (info->duration_us < 0 && stream->duration != AV_NOPTS_VALUE && stream->time_base.den > 0) {
        info->duration_us = av_rescale_q(stream->duration, stream->time_base, AV_TIME_BASE_Q);
    }
    AVRational rate = stream->avg_frame_rate.num > 0 && stream->avg_frame_rate.den > 0 ? stream->avg_frame_rate
                                                                                      : stream->r_frame_rate;
    if (rate.num > 0 && rate.den > 0) {
        info->frame_rate_num = rate.num;
        info->frame_rate_den = rate.den;
    }
    info->declared_frames = stream->nb_frames > 0 ? stream->nb_frames : 0;
    size_t matrix_size = 0;
    const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &matrix_size);
    if (matrix != NULL && matrix_size >= sizeof(info->display_matrix)) {
        info->has_display_matrix = 1;
        memcpy(info->display_matrix, matrix, sizeof(info->display_matrix));
        double angle = av_display_rotation_get((const int32_t *)matrix);
        if (angle == angle) { /* not NaN */
            /* av_display_rotation_get is counter-clockwise; report the clockwise angle players apply. */
            int degrees = (int)(angle < 0 ? angle - 0.5 : angle + 0.5);
            info->rotation = ((-degrees % 360) + 360) % 360;
        }
    }
    for (unsigned i = 0; i < format->nb_streams; i++) {
        if (img_video_is_audio(format->streams[i])) {
            info->has_audio = 1;
            break;
        }
    }
    info->time_base_num = stream->time_base.num;
    info->time_base_den = stream->time_base.den;
    info->bit_rate = format->bit_rate > 0 ? format->bit_rate : 0;
    return IMG_OK;
}

static size_t img_video_append_tags(const AVDictionary *tags, const char *scope, char *out, size_t capacity,
                                    size_t used) {
    const AVDictionaryEntry *entry = NULL;
    while ((entry = av_dict_get(tags, "", entry, AV_DICT_IGNORE_SUFFIX)) != NULL) {
        if (used + 1 >= capacity) break;
        int written = snprintf(out + used, capacity - used, "%s\t%s\t%s\n", scope, entry->key, entry->value);
        if (written < 0) break;
        used += (size_t)written < capacity - used ? (size_t)written : capacity - used - 1;
    }
    return used;
}

size_t img_video_tags(const img_video *reader, char *out, size_t capacity) {
    if (out == NULL || capacity == 0) return 0;
    out[0] = 0;
    if (reader == NULL || reader->format == NULL || reader->stream < 0) return 0;
    size_t used = img_video_append_tags(reader->format->metadata, "format", out, capacity, 0);
    used = img_video_append_tags(reader->format->streams[reader->stream]->metadata, "stream", out, capacity, used);
    return used;
}

static int64_t img_video_packet_time(const AVPacket *packet) {
    return packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
}

int32_t img_video_index(img_video *reader, int64_t *timestamps, uint8_t *keyframes, size_t capacity, size_t *count,
                        char *message, size_t capacity_message) {
    *count = 0;
    if (reader == NULL || reader->format == NULL || reader->stream < 0 || timestamps == NULL || keyframes == NULL) {
        return IMG_ERR_STATE;
    }
    int32_t status = IMG_OK;
    for (;;) {
        if (img_video_past_deadline(reader)) {
            return img_video_status(reader, AVERROR_EXIT, "indexing the frames", message, capacity_message);
        }
        int error = av_read_frame(reader->format, reader->packet);
        if (error == AVERROR_EOF) break;
        if (error < 0) {
            status = img_video_status(reader, error, "reading the packets", message, capacity_message);
            if (reader->reached_end && status == IMG_ERR_CORRUPT) {
                status = IMG_ERR_TRUNCATED;
                img_copy_message(message, capacity_message, "the file ends before its last frame");
            }
            break;
        }
        reader->packets_read++;
        if (reader->packet->flags & AV_PKT_FLAG_CORRUPT) {
            av_packet_unref(reader->packet);
            status = reader->reached_end ? IMG_ERR_TRUNCATED : IMG_ERR_CORRUPT;
            img_copy_message(message, capacity_message,
                             reader->reached_end ? "the file ends before its last frame" : "a packet is damaged");
            break;
        }
        if (reader->packet->stream_index == reader->stream) {
            int64_t time = img_video_packet_time(reader->packet);
            if (time != AV_NOPTS_VALUE && !(reader->packet->flags & AV_PKT_FLAG_DISCARD)) {
                if (*count >= capacity) {
                    av_packet_unref(reader->packet);
                    img_copy_message(message, capacity_message, "the video stream has more frames than the limit");
                    return IMG_ERR_LIMIT;
                }
                timestamps[*count] = time;
                keyframes[*count] = (reader->packet->flags & AV_PKT_FLAG_KEY) ? 1 : 0;
                *count += 1;
            }
        }
        av_packet_unref(reader->packet);
    }
    if (status != IMG_OK) {
        return status;
    }
    int error = av_seek_frame(reader->format, reader->stream, INT64_MIN, AVSEEK_FLAG_BACKWARD);
    if (error < 0) {
        error = avformat_seek_file(reader->format, reader->stream, INT64_MIN, INT64_MIN, INT64_MIN, 0);
    }
    if (error < 0) {
        return img_video_status(reader, error, "rewinding after the index", message, capacity_message);
    }
    avcodec_flush_buffers(reader->decoder);
    reader->draining = 0;
    return status;
}

/* Converts reader->frame to RGB8 of the requested size. */
static int32_t img_video_convert(img_video *reader, uint32_t out_width, uint32_t out_height, uint8_t *out,
                                 size_t out_size, char *message, size_t capacity) {
    AVFrame *frame = reader->frame;
    if (frame->width <= 0 || frame->height <= 0 || frame->format < 0) {
        img_copy_message(message, capacity, "the decoder returned an empty frame");
        return IMG_ERR_CORRUPT;
    }
    if ((uint64_t)out_width * out_height * 3 > out_size || out_width == 0 || out_height == 0) {
        img_copy_message(message, capacity, "output buffer too small");
        return IMG_ERR_ARGUMENT;
    }
    int flags = (out_width == (uint32_t)frame->width && out_height == (uint32_t)frame->height)
                    ? SWS_POINT
                    : (out_width < (uint32_t)frame->width ? SWS_AREA : SWS_BICUBIC);
    flags |= SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT;
    reader->scaler = sws_getCachedContext(reader->scaler, frame->width, frame->height, frame->format, (int)out_width,
                                          (int)out_height, AV_PIX_FMT_RGB24, flags, NULL, NULL, NULL);
    if (reader->scaler == NULL) {
        img_copy_message(message, capacity, "cannot convert the frame's pixel format to RGB");
        return IMG_ERR_UNSUPPORTED;
    }
    /* The frame's own matrix and range (BT.709 for most HD video; swscale's default is BT.601). */
    int colorspace = frame->colorspace != AVCOL_SPC_UNSPECIFIED ? (int)frame->colorspace
                     : frame->height >= 720                     ? SWS_CS_ITU709
                                                                : SWS_CS_ITU601;
    const int *coefficients = sws_getCoefficients(colorspace);
    int full_range = frame->color_range == AVCOL_RANGE_JPEG ? 1 : 0;
    int *inv_table, *table, src_range, dst_range, brightness, contrast, saturation;
    if (sws_getColorspaceDetails(reader->scaler, &inv_table, &src_range, &table, &dst_range, &brightness, &contrast,
                                 &saturation) >= 0) {
        sws_setColorspaceDetails(reader->scaler, coefficients, full_range, coefficients, 1, brightness, contrast,
                                 saturation);
    }
    uint8_t *planes[4] = {out, NULL, NULL, NULL};
    int strides[4] = {(int)out_width * 3, 0, 0, 0};
    int rows = sws_scale(reader->scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, frame->height,
                         planes, strides);
    if (rows != (int)out_height) {
        img_copy_message(message, capacity, "pixel conversion failed");
        return IMG_ERR_LIBRARY;
    }
    return IMG_OK;
}

/* Keeps the frame's dictionary and the printable part of unregistered SEI user data. */
static void img_video_keep_frame_text(img_video *reader) {
    char *text = reader->frame_text;
    size_t capacity = sizeof(reader->frame_text);
    size_t used = 0;
    text[0] = 0;
    const AVDictionaryEntry *entry = NULL;
    while ((entry = av_dict_get(reader->frame->metadata, "", entry, AV_DICT_IGNORE_SUFFIX)) != NULL &&
           used + 1 < capacity) {
        int written = snprintf(text + used, capacity - used, "%s=%s\n", entry->key, entry->value);
        if (written < 0) break;
        used += (size_t)written < capacity - used ? (size_t)written : capacity - used - 1;
    }
    for (int i = 0; i < reader->frame->nb_side_data && used + 1 < capacity; i++) {
        const AVFrameSideData *side = reader->frame->side_data[i];
        if (side->type != AV_FRAME_DATA_SEI_UNREGISTERED || side->size <= 16) continue;
        const char *prefix = "sei_user_data=";
        size_t prefix_length = strlen(prefix);
        if (used + prefix_length + 2 >= capacity) break;
        memcpy(text + used, prefix, prefix_length);
        used += prefix_length;
        for (size_t k = 16; k < side->size && used + 2 < capacity; k++) {
            uint8_t c = side->data[k];
            if (c == 0) break;
            text[used++] = (c >= 0x20 && c < 0x7F) ? (char)c : ' ';
        }
        text[used++] = '\n';
        text[used] = 0;
    }
}

int32_t img_video_decode(img_video *reader, int64_t target, int32_t seek, uint32_t out_width, uint32_t out_height,
                         uint8_t *out, size_t out_size, int64_t *frame_timestamp, int32_t *frame_was_key,
                         char *message, size_t capacity) {
    if (reader == NULL || reader->format == NULL || reader->decoder == NULL || reader->stream < 0 || out == NULL) {
        return IMG_ERR_STATE;
    }
    if (seek || reader->draining) {
        int error = av_seek_frame(reader->format, reader->stream, target, AVSEEK_FLAG_BACKWARD);
        if (error < 0) {
            error = avformat_seek_file(reader->format, reader->stream, INT64_MIN, target, target, 0);
        }
        if (error < 0) {
            return img_video_status(reader, error, "seeking to the frame", message, capacity);
        }
        avcodec_flush_buffers(reader->decoder);
        reader->draining = 0;
    }
    for (;;) {
        /* Frames already decoded come first. */
        for (;;) {
            int error = avcodec_receive_frame(reader->decoder, reader->frame);
            if (error == AVERROR(EAGAIN)) break;
            if (error == AVERROR_EOF) {
                img_copy_message(message, capacity, "the stream ended before the requested frame");
                return IMG_ERR_TRUNCATED;
            }
            if (error < 0) {
                return img_video_status(reader, error, "decoding a frame", message, capacity);
            }
            reader->frames_decoded++;
            int64_t time = reader->frame->best_effort_timestamp != AV_NOPTS_VALUE ? reader->frame->best_effort_timestamp
                                                                                  : reader->frame->pts;
            if (time != AV_NOPTS_VALUE && time >= target) {
                *frame_timestamp = time;
                *frame_was_key = reader->frame->key_frame ? 1 : 0;
                img_video_keep_frame_text(reader);
                int32_t status = img_video_convert(reader, out_width, out_height, out, out_size, message, capacity);
                av_frame_unref(reader->frame);
                return status;
            }
            av_frame_unref(reader->frame);
        }
        if (img_video_past_deadline(reader)) {
            return img_video_status(reader, AVERROR_EXIT, "decoding", message, capacity);
        }
        if (reader->draining) {
            img_copy_message(message, capacity, "the stream ended before the requested frame");
            return IMG_ERR_TRUNCATED;
        }
        int error = av_read_frame(reader->format, reader->packet);
        if (error == AVERROR_EOF) {
            /* Flush: the frames held back for reordering come out now. */
            reader->draining = 1;
            error = avcodec_send_packet(reader->decoder, NULL);
            if (error < 0 && error != AVERROR_EOF) {
                return img_video_status(reader, error, "flushing the decoder", message, capacity);
            }
            continue;
        }
        if (error < 0) {
            int32_t status = img_video_status(reader, error, "reading a packet", message, capacity);
            if (reader->reached_end && status == IMG_ERR_CORRUPT) status = IMG_ERR_TRUNCATED;
            return status;
        }
        reader->packets_read++;
        if (reader->packet->stream_index != reader->stream) {
            av_packet_unref(reader->packet);
            continue;
        }
        /* Frames before the target are only needed as references: skip the ones nothing refers to. */
        int64_t time = img_video_packet_time(reader->packet);
        reader->decoder->skip_frame = (time != AV_NOPTS_VALUE && time < target) ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
        error = avcodec_send_packet(reader->decoder, reader->packet);
        av_packet_unref(reader->packet);
        if (error < 0 && error != AVERROR(EAGAIN)) {
            return img_video_status(reader, error, "decoding a packet", message, capacity);
        }
    }
}

size_t img_video_frame_text(const img_video *reader, char *out, size_t capacity) {
    if (reader == NULL || out == NULL || capacity == 0) return 0;
    return img_copy_bytes((const uint8_t *)reader->frame_text, strlen(reader->frame_text) + 1, (uint8_t *)out, capacity);
}

void img_video_work(const img_video *reader, int64_t *frames_decoded, int64_t *packets_read) {
    *frames_decoded = reader != NULL ? reader->frames_decoded : 0;
    *packets_read = reader != NULL ? reader->packets_read : 0;
}
