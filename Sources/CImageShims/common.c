#include <stdlib.h>

#include "CImageShims.h"

void img_free(void *pointer) { free(pointer); }
