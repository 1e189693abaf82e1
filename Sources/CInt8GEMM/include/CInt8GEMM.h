// Integer matrix products for the deep stage's INT8 layers: uint8 activations × int8 weights with
// exact int32 accumulation, the arithmetic of ONNX MatMulInteger. Uses AVX-512 VNNI (vpdpbusd)
// when the CPU and OS support it; callers fall back to float GEMM otherwise.
#ifndef PROVENANT_CINT8GEMM_H
#define PROVENANT_CINT8GEMM_H

#include <stdint.h>

/// 1 when the running CPU and OS support AVX-512 F/BW and VNNI (with ZMM state enabled), else 0.
int pv_int8_gemm_available(void);

/// Bytes needed for the packed form of a K×N int8 matrix (K multiple of 4, N multiple of 64).
long pv_int8_packed_size(int k, int n);

/// Packs row-major int8 weights w[K][N] into blocks of 16 columns × 4 rows (64 bytes), the layout
/// the kernel reads. K must be a multiple of 4 and N a multiple of 64.
void pv_int8_pack(const int8_t *w, int k, int n, int8_t *packed);

/// c[m][n] = Σ_k a[m][k] · w[k][n] in int32, with `a` row-major M×K uint8 (row stride lda) and
/// `packed` from pv_int8_pack; `c` row-major M×N (row stride ldc). Only call when
/// pv_int8_gemm_available() returned 1.
void pv_int8_gemm(const uint8_t *a, int m, int k, int lda, const int8_t *packed, int n, int32_t *c, int ldc);

/// c[m][n] = Σ_k a[m][k] · b[k][n] in float32 (row-major, leading dimensions lda, ldb, ldc) with
/// AVX-512 FMA; for the small attention and patch products. Only call when
/// pv_int8_gemm_available() returned 1.
void pv_float_gemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc);

#endif
