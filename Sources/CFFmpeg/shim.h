// FFmpeg's demuxers (libavformat), decoders (libavcodec), pixel conversion (libswscale) and utilities
// (libavutil). Only CImageShims' video_shim.c uses them; Swift sees the img_video_* functions instead.
#include <stddef.h>
#include <stdint.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/avutil.h>
