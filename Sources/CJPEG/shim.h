// jpeglib.h does not include <stdio.h> itself but uses FILE and size_t.
#include <stdio.h>
#include <stddef.h>
#include <jpeglib.h>
