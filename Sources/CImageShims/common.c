#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CImageShims.h"
#include "img_internal.h"

void img_free(void *pointer) { free(pointer); }

size_t img_copy_bytes(const uint8_t *source, size_t size, uint8_t *out, size_t capacity) {
    size_t count = size < capacity ? size : capacity;
    if (count > 0 && source != NULL && out != NULL) {
        memcpy(out, source, count);
        return count;
    }
    return 0;
}

void img_copy_message(char *message, size_t capacity, const char *text) {
    if (message != NULL && capacity > 0) {
        snprintf(message, capacity, "%s", text);
    }
}
