// OpenBLAS's CBLAS interface (Debian libopenblas-dev: pkg-config "openblas" adds the include directory).
// Only DeepFeatures imports this module, with `internal import`.
#include <cblas.h>
