// libwebp decoding and demuxing (animated WebP: first frame).
#include <stddef.h>
#include <webp/decode.h>
#include <webp/demux.h>
