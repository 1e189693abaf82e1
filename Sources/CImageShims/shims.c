#include "CImageShims.h"
int img_shims_version(void) { return 1; }
