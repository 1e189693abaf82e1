/*
 * Helpers shared by the JPEG and PNG shims; private to this target (not under include/, so Swift
 * never sees them).
 */
#ifndef IMG_INTERNAL_H
#define IMG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Copies min(size, capacity) bytes of `source` (which may be NULL when size is 0) to `out` and
 * returns how many were copied. */
size_t img_copy_bytes(const uint8_t *source, size_t size, uint8_t *out, size_t capacity);

/* Writes `text` into the caller's message buffer (NUL-terminated, truncated to fit); a NULL or
 * zero-capacity buffer is left alone. */
void img_copy_message(char *message, size_t capacity, const char *text);

#endif
