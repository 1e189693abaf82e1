// The float kernels of the forward pass, each reproducing the arithmetic onnxruntime 1.x uses on AVX2
// CPUs for the operator it stands in for: MLAS's SGEMM (FusedMatMul, MatMul, the NCHWc patch
// convolution), LayerNormalization, Softmax and QuickGelu.
#include "CInt8GEMM.h"

#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define PV_X86 1
#define PV_AVX2 __attribute__((target("avx2,fma")))
#define PV_AVX512 __attribute__((target("avx2,fma,avx512f")))
#endif

// MARK: matrix product

static void sgemm_scalar(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc,
                         float alpha, int block_k) {
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            float total = 0.0f;
            for (int k0 = 0; k0 < k; k0 += block_k) {
                int k1 = k0 + block_k < k ? k0 + block_k : k;
                float acc = 0.0f;
                for (int p = k0; p < k1; p++) acc = fmaf(a[(long)i * lda + p], b[(long)p * ldb + j], acc);
                if (alpha != 1.0f) acc = acc * alpha;
                total = k0 == 0 ? acc : total + acc;
            }
            c[(long)i * ldc + j] = total;
        }
}

#ifdef PV_X86
// ROWS rows × 16 columns (masked at the right edge) of one k-block.
#define PV_SKERNEL(ROWS)                                                                                   \
    PV_AVX2 static void skernel_##ROWS(int k0, int k1, const float *a, int lda, const float *b, int ldb,  \
                                       float *c, int ldc, __m256i mask0, __m256i mask1, float alpha,      \
                                       int first) {                                                        \
        __m256 acc[ROWS][2];                                                                               \
        for (int r = 0; r < ROWS; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();                        \
        for (int p = k0; p < k1; p++) {                                                                    \
            const float *brow = b + (long)p * ldb;                                                         \
            __m256 w0 = _mm256_maskload_ps(brow, mask0);                                                   \
            __m256 w1 = _mm256_maskload_ps(brow + 8, mask1);                                               \
            for (int r = 0; r < ROWS; r++) {                                                               \
                __m256 av = _mm256_broadcast_ss(a + (long)r * lda + p);                                    \
                acc[r][0] = _mm256_fmadd_ps(av, w0, acc[r][0]);                                            \
                acc[r][1] = _mm256_fmadd_ps(av, w1, acc[r][1]);                                            \
            }                                                                                              \
        }                                                                                                  \
        __m256 al = _mm256_set1_ps(alpha);                                                                 \
        for (int r = 0; r < ROWS; r++) {                                                                   \
            float *out = c + (long)r * ldc;                                                                \
            __m256 v0 = acc[r][0], v1 = acc[r][1];                                                         \
            if (alpha != 1.0f) {                                                                           \
                v0 = _mm256_mul_ps(v0, al);                                                                \
                v1 = _mm256_mul_ps(v1, al);                                                                \
            }                                                                                              \
            if (!first) {                                                                                  \
                v0 = _mm256_add_ps(_mm256_maskload_ps(out, mask0), v0);                                    \
                v1 = _mm256_add_ps(_mm256_maskload_ps(out + 8, mask1), v1);                                \
            }                                                                                              \
            _mm256_maskstore_ps(out, mask0, v0);                                                           \
            _mm256_maskstore_ps(out + 8, mask1, v1);                                                       \
        }                                                                                                  \
    }

PV_SKERNEL(6)
PV_SKERNEL(1)

PV_AVX2 static __m256i edge_mask(int left) {
    int32_t lanes[8];
    for (int i = 0; i < 8; i++) lanes[i] = i < left ? -1 : 0;
    return _mm256_loadu_si256((const __m256i *)lanes);
}

// The same per-element arithmetic 32 columns at a time in 512-bit registers: each lane's FMA chain over
// the k-block, the alpha multiplication and the sum of k-blocks are those of the AVX2 kernel, so the bits are.
#define PV_SKERNEL512(ROWS)                                                                                \
    PV_AVX512 static void skernel512_##ROWS(int k0, int k1, const float *a, int lda, const float *b, int ldb, \
                                            float *c, int ldc, __mmask16 mask0, __mmask16 mask1, float alpha, \
                                            int first) {                                                   \
        __m512 acc[ROWS][2];                                                                               \
        for (int r = 0; r < ROWS; r++) acc[r][0] = acc[r][1] = _mm512_setzero_ps();                        \
        for (int p = k0; p < k1; p++) {                                                                    \
            const float *brow = b + (long)p * ldb;                                                         \
            __m512 w0 = _mm512_maskz_loadu_ps(mask0, brow);                                                \
            __m512 w1 = _mm512_maskz_loadu_ps(mask1, brow + 16);                                           \
            for (int r = 0; r < ROWS; r++) {                                                               \
                __m512 av = _mm512_set1_ps(a[(long)r * lda + p]);                                          \
                acc[r][0] = _mm512_fmadd_ps(av, w0, acc[r][0]);                                            \
                acc[r][1] = _mm512_fmadd_ps(av, w1, acc[r][1]);                                            \
            }                                                                                              \
        }                                                                                                  \
        __m512 al = _mm512_set1_ps(alpha);                                                                 \
        for (int r = 0; r < ROWS; r++) {                                                                   \
            float *out = c + (long)r * ldc;                                                                \
            __m512 v0 = acc[r][0], v1 = acc[r][1];                                                         \
            if (alpha != 1.0f) {                                                                           \
                v0 = _mm512_mul_ps(v0, al);                                                                \
                v1 = _mm512_mul_ps(v1, al);                                                                \
            }                                                                                              \
            if (!first) {                                                                                  \
                v0 = _mm512_add_ps(_mm512_maskz_loadu_ps(mask0, out), v0);                                 \
                v1 = _mm512_add_ps(_mm512_maskz_loadu_ps(mask1, out + 16), v1);                            \
            }                                                                                              \
            _mm512_mask_storeu_ps(out, mask0, v0);                                                         \
            _mm512_mask_storeu_ps(out + 16, mask1, v1);                                                    \
        }                                                                                                  \
    }

PV_SKERNEL512(12)
PV_SKERNEL512(1)

static __mmask16 edge_mask16(int left) {
    return left >= 16 ? (__mmask16)0xFFFF : left <= 0 ? (__mmask16)0 : (__mmask16)((1u << left) - 1);
}

PV_AVX512 static void sgemm_avx512(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c,
                                   int ldc, float alpha, int block_k) {
    for (int j0 = 0; j0 < n; j0 += 32) {
        __mmask16 mask0 = edge_mask16(n - j0), mask1 = edge_mask16(n - j0 - 16);
        for (int k0 = 0; k0 < k; k0 += block_k) {
            int k1 = k0 + block_k < k ? k0 + block_k : k;
            int i = 0;
            for (; i + 12 <= m; i += 12)
                skernel512_12(k0, k1, a + (long)i * lda, lda, b + j0, ldb, c + (long)i * ldc + j0, ldc, mask0, mask1,
                              alpha, k0 == 0);
            for (; i < m; i++)
                skernel512_1(k0, k1, a + (long)i * lda, lda, b + j0, ldb, c + (long)i * ldc + j0, ldc, mask0, mask1,
                             alpha, k0 == 0);
        }
    }
}

PV_AVX2 static void sgemm_avx2(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c,
                               int ldc, float alpha, int block_k) {
    for (int j0 = 0; j0 < n; j0 += 16) {
        __m256i mask0 = edge_mask(n - j0), mask1 = edge_mask(n - j0 - 8);
        for (int k0 = 0; k0 < k; k0 += block_k) {
            int k1 = k0 + block_k < k ? k0 + block_k : k;
            int i = 0;
            for (; i + 6 <= m; i += 6)
                skernel_6(k0, k1, a + (long)i * lda, lda, b + j0, ldb, c + (long)i * ldc + j0, ldc, mask0, mask1,
                          alpha, k0 == 0);
            for (; i < m; i++)
                skernel_1(k0, k1, a + (long)i * lda, lda, b + j0, ldb, c + (long)i * ldc + j0, ldc, mask0, mask1,
                          alpha, k0 == 0);
        }
    }
}
#endif

void pv_sgemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc, float alpha,
              int block_k) {
    if (block_k <= 0) block_k = k > 0 ? k : 1;
#ifdef PV_X86
    if (pv_avx512_available()) {
        sgemm_avx512(m, n, k, a, lda, b, ldb, c, ldc, alpha, block_k);
        return;
    }
    if (pv_avx2_available()) {
        sgemm_avx2(m, n, k, a, lda, b, ldb, c, ldc, alpha, block_k);
        return;
    }
#endif
    sgemm_scalar(m, n, k, a, lda, b, ldb, c, ldc, alpha, block_k);
}

// MARK: LayerNorm

static void layer_norm_scalar(const float *xr, float *yr, int width, const float *w, const float *b, float eps) {
    double lanes[4] = {0, 0, 0, 0};
    for (int i = 0; i < width; i++) lanes[i % 4] += (double)xr[i];
    double s = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
    float mean = (float)(s / (double)width);
    float v8[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < width; i++) {
        float d = xr[i] - mean;
        v8[i % 8] = fmaf(d, d, v8[i % 8]);
    }
    float q0 = v8[4] + v8[0], q1 = v8[5] + v8[1], q2 = v8[6] + v8[2], q3 = v8[7] + v8[3];
    float var = (q2 + q0) + (q3 + q1);
    float inv = 1.0f / sqrtf(var / (float)width + eps);
    for (int i = 0; i < width; i++) yr[i] = fmaf((xr[i] - mean) * inv, w[i], b[i]);
}

#ifdef PV_X86
PV_AVX2 static void layer_norm_avx2(const float *xr, float *yr, int width, const float *w, const float *b,
                                    float eps) {
    __m256d acc = _mm256_setzero_pd();
    for (int i = 0; i < width; i += 4) acc = _mm256_add_pd(acc, _mm256_cvtps_pd(_mm_loadu_ps(xr + i)));
    __m128d h = _mm_add_pd(_mm256_castpd256_pd128(acc), _mm256_extractf128_pd(acc, 1));
    double s = _mm_cvtsd_f64(h) + _mm_cvtsd_f64(_mm_unpackhi_pd(h, h));
    float mean = (float)(s / (double)width);
    __m256 vm = _mm256_set1_ps(mean);
    __m256 va = _mm256_setzero_ps();
    for (int i = 0; i < width; i += 8) {
        __m256 d = _mm256_sub_ps(_mm256_loadu_ps(xr + i), vm);
        va = _mm256_fmadd_ps(d, d, va);
    }
    __m128 q = _mm_add_ps(_mm256_extractf128_ps(va, 1), _mm256_castps256_ps128(va));
    q = _mm_add_ps(_mm_movehl_ps(q, q), q);
    float var = _mm_cvtss_f32(q) + _mm_cvtss_f32(_mm_movehdup_ps(q));
    float inv = 1.0f / sqrtf(var / (float)width + eps);
    __m256 vi = _mm256_set1_ps(inv);
    for (int i = 0; i < width; i += 8) {
        __m256 t = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(xr + i), vm), vi);
        _mm256_storeu_ps(yr + i, _mm256_fmadd_ps(t, _mm256_loadu_ps(w + i), _mm256_loadu_ps(b + i)));
    }
}
#endif

void pv_layer_norm(const float *x, float *y, int rows, int width, const float *weight, const float *bias,
                   float epsilon) {
    for (int r = 0; r < rows; r++) {
#ifdef PV_X86
        if (pv_avx2_available()) {
            layer_norm_avx2(x + (long)r * width, y + (long)r * width, width, weight, bias, epsilon);
            continue;
        }
#endif
        layer_norm_scalar(x + (long)r * width, y + (long)r * width, width, weight, bias, epsilon);
    }
}

// MARK: softmax (MLAS exp: range reduction by ln 2 in two parts, degree-6 polynomial, exponent by shift)

static const float exp_lower = -88.3762626647949f, exp_rounding = 12582912.0f, exp_log2e = 1.44269504088896341f,
                   exp_ln2_high = -6.93145752e-1f, exp_ln2_low = -1.42860677e-6f;
static const float exp_poly[6] = {0x1.694000p-10f, 0x1.125edcp-7f, 0x1.555b5ap-5f, 0x1.555450p-3f, 0x1.fffff6p-2f,
                                  0x1.000000p+0f};

static float exp_shifted(float x, float negative_max) {
    float v = x + negative_max;
    v = exp_lower > v ? exp_lower : v;
    float biased = fmaf(v, exp_log2e, exp_rounding);
    float m = biased - exp_rounding;
    v = fmaf(m, exp_ln2_high, v);
    v = fmaf(m, exp_ln2_low, v);
    uint32_t bits;
    memcpy(&bits, &biased, 4);
    bits = (bits << 23) + 0x3F800000u;
    float scale;
    memcpy(&scale, &bits, 4);
    float p = exp_poly[0];
    for (int i = 1; i < 6; i++) p = fmaf(p, v, exp_poly[i]);
    p = fmaf(p, v, exp_poly[5]);
    return p * scale;
}

static void softmax_row_scalar(float *row, int width) {
    float peak = -3.40282347e+38f;
    for (int i = 0; i < width; i++) peak = row[i] > peak ? row[i] : peak;
    float negative = -peak;
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < width; i++) {
        row[i] = exp_shifted(row[i], negative);
        lanes[i % 8] += row[i];
    }
    float sum = ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7])) + ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3]));
    float scale = 1.0f / sum;
    for (int i = 0; i < width; i++) row[i] = scale * row[i];
}

#ifdef PV_X86
// MLAS's exp for W-bit registers (256 or 512): the same operations on every lane at either width.
#define PV_EXP_SHIFTED(W, ATTR)                                                                             \
    ATTR static __m##W exp_shifted_##W(__m##W x, __m##W negative_max) {                                      \
        __m##W v = _mm##W##_max_ps(_mm##W##_set1_ps(exp_lower), _mm##W##_add_ps(x, negative_max));           \
        __m##W rounding = _mm##W##_set1_ps(exp_rounding);                                                    \
        __m##W biased = _mm##W##_fmadd_ps(v, _mm##W##_set1_ps(exp_log2e), rounding);                          \
        __m##W m = _mm##W##_sub_ps(biased, rounding);                                                        \
        v = _mm##W##_fmadd_ps(m, _mm##W##_set1_ps(exp_ln2_high), v);                                          \
        v = _mm##W##_fmadd_ps(m, _mm##W##_set1_ps(exp_ln2_low), v);                                           \
        __m##W##i scale = _mm##W##_add_epi32(_mm##W##_slli_epi32(_mm##W##_castps_si##W(biased), 23),          \
                                             _mm##W##_set1_epi32(0x3F800000));                                \
        __m##W p = _mm##W##_set1_ps(exp_poly[0]);                                                            \
        for (int i = 1; i < 6; i++) p = _mm##W##_fmadd_ps(p, v, _mm##W##_set1_ps(exp_poly[i]));               \
        p = _mm##W##_fmadd_ps(p, v, _mm##W##_set1_ps(exp_poly[5]));                                           \
        return _mm##W##_mul_ps(p, _mm##W##_castsi##W##_ps(scale));                                           \
    }

PV_EXP_SHIFTED(256, PV_AVX2)

// From element i on: exp in 8-element chunks and a masked tail, each chunk added to the 8-lane running sum in
// order; returns the sum's horizontal total (MLAS's reduction order).
PV_AVX2 static float softmax_exp_sum_from(float *row, int i, int width, __m256 negative, __m256 sum) {
    for (; i + 8 <= width; i += 8) {
        __m256 e = exp_shifted_256(_mm256_loadu_ps(row + i), negative);
        _mm256_storeu_ps(row + i, e);
        sum = _mm256_add_ps(sum, e);
    }
    if (i < width) {
        __m256i mask = edge_mask(width - i);
        __m256 e = exp_shifted_256(_mm256_maskload_ps(row + i, mask), _mm256_and_ps(negative, _mm256_castsi256_ps(mask)));
        e = _mm256_and_ps(e, _mm256_castsi256_ps(mask));
        _mm256_maskstore_ps(row + i, mask, e);
        sum = _mm256_add_ps(sum, e);
    }
    __m256 h = _mm256_hadd_ps(sum, sum);
    h = _mm256_hadd_ps(h, h);
    return _mm_cvtss_f32(_mm256_extractf128_ps(h, 1)) + _mm_cvtss_f32(_mm256_castps256_ps128(h));
}

PV_AVX2 static void softmax_row_avx2(float *row, int width) {
    float peak = -3.40282347e+38f;
    for (int i = 0; i < width; i++) peak = row[i] > peak ? row[i] : peak;
    float total = softmax_exp_sum_from(row, 0, width, _mm256_set1_ps(-peak), _mm256_setzero_ps());
    __m256 scale = _mm256_set1_ps(1.0f / total);
    int i = 0;
    for (; i + 8 <= width; i += 8) _mm256_storeu_ps(row + i, _mm256_mul_ps(scale, _mm256_loadu_ps(row + i)));
    float s = 1.0f / total;
    for (; i < width; i++) row[i] = s * row[i];
}
#endif

#ifdef PV_X86
PV_EXP_SHIFTED(512, PV_AVX512)

// softmax_row_avx2's arithmetic, 16 elements at a time: the row maximum is exact in any order, and the
// eight-lane running sum still takes the 8-element chunks in order (each 16-element exp adds its lower
// half, then its upper half), so the bits are the AVX2 kernel's.
PV_AVX512 static void softmax_row_avx512(float *row, int width) {
    __m512 peak16 = _mm512_set1_ps(-3.40282347e+38f);
    int i = 0;
    for (; i + 16 <= width; i += 16) peak16 = _mm512_max_ps(_mm512_loadu_ps(row + i), peak16);
    float peak = _mm512_reduce_max_ps(peak16);
    for (; i < width; i++) peak = row[i] > peak ? row[i] : peak;
    __m512 negative16 = _mm512_set1_ps(-peak);
    __m256 sum = _mm256_setzero_ps();
    i = 0;
    for (; i + 16 <= width; i += 16) {
        __m512 e = exp_shifted_512(_mm512_loadu_ps(row + i), negative16);
        _mm512_storeu_ps(row + i, e);
        sum = _mm256_add_ps(sum, _mm512_castps512_ps256(e));
        sum = _mm256_add_ps(sum, _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(e), 1)));
    }
    float total = softmax_exp_sum_from(row, i, width, _mm256_set1_ps(-peak), sum);
    float s = 1.0f / total;
    __m512 scale = _mm512_set1_ps(s);
    i = 0;
    for (; i + 16 <= width; i += 16) _mm512_storeu_ps(row + i, _mm512_mul_ps(scale, _mm512_loadu_ps(row + i)));
    for (; i < width; i++) row[i] = s * row[i];
}
#endif

void pv_softmax_rows(float *x, int rows, int width) {
    for (int r = 0; r < rows; r++) {
#ifdef PV_X86
        if (pv_avx512_available()) {
            softmax_row_avx512(x + (long)r * width, width);
            continue;
        }
        if (pv_avx2_available()) {
            softmax_row_avx2(x + (long)r * width, width);
            continue;
        }
#endif
        softmax_row_scalar(x + (long)r * width, width);
    }
}

// MARK: QuickGELU (MLAS logistic: odd degree-9 over even degree-10 rational function on [−18, 18])

static const float logistic_c[13] = {4.37031012579801e-11f, 1.15627324459942e-07f, 6.08574864600143e-05f,
                                     8.51377133304701e-03f, 2.48287947061529e-01f, 6.10247389755681e-13f,
                                     5.76102136993427e-09f, 6.29106785017040e-06f, 1.70198817374094e-03f,
                                     1.16817656904453e-01f, 9.93151921023180e-01f, -18.0f, 18.0f};

static float logistic(float x) {
    float v = logistic_c[11] > x ? logistic_c[11] : x;
    v = logistic_c[12] < v ? logistic_c[12] : v;
    float x2 = v * v;
    float p = fmaf(x2, logistic_c[0], logistic_c[1]);
    for (int i = 2; i < 5; i++) p = fmaf(x2, p, logistic_c[i]);
    float q = fmaf(x2, logistic_c[5], logistic_c[6]);
    for (int i = 7; i < 11; i++) q = fmaf(x2, q, logistic_c[i]);
    float r = v * p / q + 0.5f;
    return 0.0f > r ? 0.0f : r;
}

#ifdef PV_X86
PV_AVX2 static void quick_gelu_avx2(const float *x, float *y, long count, float alpha) {
    __m256 al = _mm256_set1_ps(alpha);
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 xv = _mm256_loadu_ps(x + i);
        __m256 v = _mm256_mul_ps(xv, al);
        v = _mm256_min_ps(_mm256_set1_ps(logistic_c[12]), _mm256_max_ps(_mm256_set1_ps(logistic_c[11]), v));
        __m256 x2 = _mm256_mul_ps(v, v);
        __m256 p = _mm256_fmadd_ps(x2, _mm256_set1_ps(logistic_c[0]), _mm256_set1_ps(logistic_c[1]));
        for (int c = 2; c < 5; c++) p = _mm256_fmadd_ps(x2, p, _mm256_set1_ps(logistic_c[c]));
        __m256 q = _mm256_fmadd_ps(x2, _mm256_set1_ps(logistic_c[5]), _mm256_set1_ps(logistic_c[6]));
        for (int c = 7; c < 11; c++) q = _mm256_fmadd_ps(x2, q, _mm256_set1_ps(logistic_c[c]));
        __m256 r = _mm256_add_ps(_mm256_div_ps(_mm256_mul_ps(v, p), q), _mm256_set1_ps(0.5f));
        r = _mm256_max_ps(_mm256_setzero_ps(), r);
        _mm256_storeu_ps(y + i, _mm256_mul_ps(xv, r));
    }
    for (; i < count; i++) y[i] = x[i] * logistic(x[i] * alpha);
}
#endif

void pv_quick_gelu(const float *x, float *y, long count, float alpha) {
#ifdef PV_X86
    if (pv_avx2_available()) {
        quick_gelu_avx2(x, y, count, alpha);
        return;
    }
#endif
    for (long i = 0; i < count; i++) y[i] = x[i] * logistic(x[i] * alpha);
}
