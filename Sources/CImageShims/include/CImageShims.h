#ifndef CIMAGESHIMS_H
#define CIMAGESHIMS_H
/* Placeholder; replaced by the setjmp-guarded libjpeg/libpng shims. */
int img_shims_version(void);
#endif
