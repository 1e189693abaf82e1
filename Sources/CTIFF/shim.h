// libtiff 4.5+ (TIFFClientOpenExt with per-handle error handlers).
#include <stdarg.h>
#include <stddef.h>
#include <tiffio.h>
