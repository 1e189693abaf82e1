// libheif (HEIF/HEIC through libde265, AVIF through the AV1 decoder libheif was built with).
#include <stddef.h>
#include <libheif/heif.h>
