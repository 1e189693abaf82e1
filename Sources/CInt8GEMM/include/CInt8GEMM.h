// Kernels of the deep stage's CLIP forward pass, written to reproduce onnxruntime's CPU arithmetic for
// the INT8 dynamic-quantised export bit for bit: exact int32 sums in the integer products (as onnxruntime
// computes them on CPUs with AVX-512 VNNI, and on any CPU with scripts/deep/exact_int8_onnx.py's graph) and
// the float kernels onnxruntime runs on x86-64 CPUs with AVX2 and FMA: the same operations, in the same
// order, with the same roundings.
// Every kernel has an AVX2 path (chosen at run time) and a portable path that computes identical bits; the
// integer product also has VNNI paths (AVX-512 VNNI or AVX-VNNI), again with identical bits.
// The rules each kernel follows are written beside it in the .c files; docs/benchmarks.md shows the
// agreement with onnxruntime.
#ifndef PROVENANT_CINT8GEMM_H
#define PROVENANT_CINT8GEMM_H

#include <stdint.h>

/// 1 when the running CPU and OS support AVX2 and FMA (the fast paths), else 0.
int pv_avx2_available(void);

/// Makes every kernel take its portable path (on != 0) or the fastest path the CPU allows (on == 0). Both
/// compute the same bits; tests use this to check that they do.
void pv_force_portable_kernels(int on);

/// Caps the vector kernels: 2 (the default) the widest the CPU has (AVX-512 and VNNI), 1 at most the AVX2
/// ones. Every kernel computes the same bits; tests use this to compare the wide kernels with the AVX2 ones.
void pv_limit_vector_kernels(int level);

/// 1 when the AVX-512 kernels (F, VL and VNNI, with the OS saving the registers) may run now, else 0.
int pv_avx512_available(void);

/// The kernel `pv_qgemm` runs now: 0 portable, 1 AVX2, 2 AVX-512 VNNI (256-bit), 3 AVX-VNNI.
int pv_int8_kernel(void);

/// Bytes needed for the packed form of a K×N int8 matrix (K multiple of 2, N multiple of 16).
long pv_int8_packed_size(int k, int n);

/// Packs row-major int8 weights w[K][N] into the layout `pv_qgemm` reads: blocks of 8 columns × 2
/// rows (16 bytes). K must be a multiple of 2 and N a multiple of 16.
void pv_int8_pack(const int8_t *w, int k, int n, int8_t *packed);

/// The integer values of a packed K×N matrix as floats, row-major (for the float-activation diagnostic path).
void pv_int8_unpack_float(const int8_t *packed, int k, int n, float *w);

/// Whether a K×N matrix should be packed in the quad layout (`pv_int8_pack_quads`, read by `pv_qgemm_quads`):
/// 1 on CPUs with AVX-512 VNNI when K is a multiple of 4 and N of 32, else 0 (use `pv_int8_pack`).
int pv_int8_quads_preferred(int k, int n);

/// Packs row-major int8 weights w[K][N] into the quad layout: blocks of 16 columns × 4 rows (64 bytes).
/// K must be a multiple of 4 and N of 32.
void pv_int8_pack_quads(const int8_t *w, int k, int n, int8_t *packed);

/// The integer values of a quad-packed K×N matrix as floats, row-major.
void pv_int8_unpack_quads_float(const int8_t *packed, int k, int n, float *w);

/// `pv_qgemm` for a quad-packed matrix: the AVX-512 VNNI kernel where the CPU has it (and the portable
/// path is not forced), a portable loop otherwise; the same bits either way.
void pv_qgemm_quads(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zero_point,
                    const int32_t *column_sums, const float *multipliers, const float *bias, float *y);

/// ONNX DynamicQuantizeLinear on `count` floats: scale = (max(0, max x) − min(0, min x)) / 255 (1 when
/// the range is empty), zero point = round-half-even(clamp(−min / scale, 0, 255)),
/// q = round-half-even(clamp(x / scale, −zp, 255 − zp)) + zp.
void pv_quantize_u8(const float *x, long count, uint8_t *q, float *scale, int32_t *zero_point);

/// y[m][n] = float(acc) · multipliers[n] (+ bias[n] when bias is not NULL, as a separate addition), with
/// acc = Σ_k a[m][k]·w[k][n] − zero_point · column_sums[n] exactly in int32 (no int16 saturation, which
/// onnxruntime's AVX2 vpmaddubsw kernel would add). `a` is row-major M×K uint8; `packed` comes from
/// pv_int8_pack; y is row-major M×N.
void pv_qgemm(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zero_point,
              const int32_t *column_sums, const float *multipliers, const float *bias, float *y);

/// c[m][n] = Σ over k-blocks of (alpha ·) chain(block), where chain is the fused multiply-add chain
/// acc = fma(a[m][p], b[p][n], acc) from acc = 0 over p in the block in ascending order, blocks are
/// `block_k` wide and added in order (alpha is applied to each chain when it is not 1). Row-major with
/// leading dimensions.
void pv_sgemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc,
              float alpha, int block_k);

/// LayerNorm of each of `rows` rows of `width` values (width a multiple of 8): the mean summed in double
/// (four lanes), the variance as float fused multiply-adds of (x − mean)² in eight lanes, then
/// y = fma((x − mean) · (1 / sqrt(var / width + epsilon)), weight, bias). `x` and `y` may alias.
void pv_layer_norm(const float *x, float *y, int rows, int width, const float *weight, const float *bias,
                   float epsilon);

/// In-place softmax of each of `rows` rows of `width` values, with the polynomial exp of onnxruntime's
/// MLAS library, its eight-lane sum and the final multiplication by 1 / sum.
void pv_softmax_rows(float *x, int rows, int width);

/// y = x · logistic(alpha · x) with MLAS's rational logistic approximation. `x` and `y` may alias.
void pv_quick_gelu(const float *x, float *y, long count, float alpha);

#endif
