// Dynamic activation quantisation and the u8×s8 matrix product of the INT8 layers: onnxruntime's
// DynamicQuantizeLinear and MatMulInteger with exact int32 sums (what onnxruntime computes on CPUs with
// AVX-512 VNNI, and on any CPU with scripts/deep/exact_int8_onnx.py's graph), then its scale and bias steps.
// Kernels: AVX-512 VNNI on quad-packed weights, VNNI (AVX-512 or AVX-VNNI) and AVX2 on pair-packed weights,
// and portable loops; integer sums are exact in all of them, so every one gives the same bits.
#include "CInt8GEMM.h"

#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>
#define PV_X86 1
#define PV_AVX2 __attribute__((target("avx2,fma")))
#endif

static _Atomic int portable_only = 0;
// The widest vector kernels allowed: 2 any (VNNI, AVX-512), 1 at most the AVX2 ones (tests compare them).
static _Atomic int vector_kernel_limit = 2;

void pv_force_portable_kernels(int on) { portable_only = on ? 1 : 0; }

void pv_limit_vector_kernels(int level) { vector_kernel_limit = level; }

int pv_avx2_available(void) {
#ifdef PV_X86
    static _Atomic int cached = -1;
    if (portable_only) return 0;
    if (cached >= 0) return cached;
    unsigned int eax, ebx, ecx, edx;
    int ok = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 27)) && (ecx & (1u << 12))) {  // OSXSAVE, FMA
        unsigned int xcr0_lo, xcr0_hi;
        __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
        if ((xcr0_lo & 0x6) == 0x6 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) ok = (ebx >> 5) & 1;  // AVX2
    }
    cached = ok;
    return ok;
#else
    return 0;
#endif
}

// VNNI: 1 AVX-512 VNNI with AVX-512VL (256-bit vpdpbusd, EVEX), 2 AVX-VNNI (the same instruction, VEX), 0 none.
static int vnni_kind(void) {
#ifdef PV_X86
    static _Atomic int cached = -1;
    if (cached >= 0) return cached;
    int kind = 0;
    unsigned int eax, ebx, ecx, edx;
    // CPU facts only (not pv_avx2_available(), which also answers 0 while the portable paths are forced):
    // OSXSAVE, FMA and AVX2 as there, then the VNNI flags.
    int avx2 = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 27)) && (ecx & (1u << 12))) {
        unsigned int lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        if ((lo & 0x6) == 0x6 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) avx2 = (ebx >> 5) & 1;
    }
    if (avx2 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        unsigned int xcr0_lo, xcr0_hi;
        __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
        int avx512_state = (xcr0_lo & 0xE6) == 0xE6;  // SSE, AVX, opmask, ZMM_Hi256, Hi16_ZMM
        if (avx512_state && ((ebx >> 16) & 1) && ((ebx >> 31) & 1) && ((ecx >> 11) & 1)) {  // F, VL, VNNI
            kind = 1;
        } else if (__get_cpuid_count(7, 1, &eax, &ebx, &ecx, &edx) && ((eax >> 4) & 1)) {  // AVX-VNNI
            kind = 2;
        }
    }
    cached = kind;
    return kind;
#else
    return 0;
#endif
}

int pv_avx512_available(void) {
    return pv_avx2_available() && vector_kernel_limit >= 2 && vnni_kind() == 1;
}

int pv_int8_kernel(void) {
    if (!pv_avx2_available()) return 0;
    if (vector_kernel_limit >= 2 && vnni_kind() != 0) return 1 + vnni_kind();
    return 1;
}

long pv_int8_packed_size(int k, int n) { return (long)k * (long)n; }

// The packed layouts: blocks of `cols` columns × `rows` rows of the K×N matrix,
// packed[((nb · K/rows + g) · cols + j) · rows + r] = w[rows·g + r][cols·nb + j]. Pairs are 8 × 2, quads 16 × 4.
static long blocked_index(int k, int cols, int rows, int nb, int g, int j, int r) {
    return (((long)nb * (k / rows) + g) * cols + j) * rows + r;
}

static void pack_blocked(const int8_t *w, int k, int n, int cols, int rows, int8_t *packed) {
    for (int nb = 0; nb < n / cols; nb++)
        for (int g = 0; g < k / rows; g++)
            for (int j = 0; j < cols; j++)
                for (int r = 0; r < rows; r++)
                    packed[blocked_index(k, cols, rows, nb, g, j, r)] = w[(long)(rows * g + r) * n + cols * nb + j];
}

static void unpack_blocked_float(const int8_t *packed, int k, int n, int cols, int rows, float *w) {
    for (int nb = 0; nb < n / cols; nb++)
        for (int g = 0; g < k / rows; g++)
            for (int j = 0; j < cols; j++)
                for (int r = 0; r < rows; r++)
                    w[(long)(rows * g + r) * n + cols * nb + j] = (float)packed[blocked_index(k, cols, rows, nb, g, j, r)];
}

void pv_int8_pack(const int8_t *w, int k, int n, int8_t *packed) { pack_blocked(w, k, n, 8, 2, packed); }

void pv_int8_unpack_float(const int8_t *packed, int k, int n, float *w) { unpack_blocked_float(packed, k, n, 8, 2, w); }

// MARK: quantisation

static void quantization_parameters(float low, float high, float *scale, int32_t *zero_point) {
    low = low < 0.0f ? low : 0.0f;
    high = high > 0.0f ? high : 0.0f;
    float s = high == low ? 1.0f : (high - low) / 255.0f;
    float z = 0.0f - low / s;
    z = z < 0.0f ? 0.0f : (z > 255.0f ? 255.0f : z);
    *scale = s;
    *zero_point = (int32_t)nearbyintf(z);  // default rounding mode: half to even
}

static void quantize_scalar(const float *x, long count, uint8_t *q, float scale, int32_t zp) {
    float lo = (float)(0 - zp), hi = (float)(255 - zp);
    for (long i = 0; i < count; i++) {
        float v = x[i] / scale;
        v = v > lo ? v : lo;
        v = v < hi ? v : hi;
        q[i] = (uint8_t)((int32_t)nearbyintf(v) + zp);
    }
}

#ifdef PV_X86
// The vector kernels' range so far (low, high) extended over x[i..<count], then the quantisation parameters.
static void range_tail_parameters(const float *x, long i, long count, float low, float high, float *scale,
                                  int32_t *zero_point) {
    for (; i < count; i++) {
        low = x[i] < low ? x[i] : low;
        high = x[i] > high ? x[i] : high;
    }
    quantization_parameters(low, high, scale, zero_point);
}

PV_AVX2 static void quantize_avx2(const float *x, long count, uint8_t *q, float *scale, int32_t *zero_point) {
    __m256 lo = _mm256_set1_ps(INFINITY), hi = _mm256_set1_ps(-INFINITY);
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        lo = _mm256_min_ps(lo, v);
        hi = _mm256_max_ps(hi, v);
    }
    float l[8], h[8];
    _mm256_storeu_ps(l, lo);
    _mm256_storeu_ps(h, hi);
    float low = l[0], high = h[0];
    for (int j = 1; j < 8; j++) {
        low = l[j] < low ? l[j] : low;
        high = h[j] > high ? h[j] : high;
    }
    range_tail_parameters(x, i, count, low, high, scale, zero_point);
    int32_t zp = *zero_point;
    __m256 s = _mm256_set1_ps(*scale);
    __m256 vlo = _mm256_set1_ps((float)(0 - zp)), vhi = _mm256_set1_ps((float)(255 - zp));
    __m256i z = _mm256_set1_epi32(zp);
    i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 v = _mm256_div_ps(_mm256_loadu_ps(x + i), s);
        v = _mm256_min_ps(_mm256_max_ps(v, vlo), vhi);
        __m256i n = _mm256_add_epi32(_mm256_cvtps_epi32(v), z);
        __m128i p16 = _mm_packs_epi32(_mm256_castsi256_si128(n), _mm256_extracti128_si256(n, 1));
        __m128i p8 = _mm_packus_epi16(p16, p16);
        _mm_storel_epi64((__m128i *)(q + i), p8);
    }
    quantize_scalar(x + i, count - i, q + i, *scale, zp);
}

// The same in 512-bit registers: the minimum and maximum are exact in any order (the inputs are finite),
// and every element goes through the same division, clamp and round-half-even conversion.
__attribute__((target("avx2,fma,avx512f"))) static void quantize_avx512(const float *x, long count, uint8_t *q,
                                                                        float *scale, int32_t *zero_point) {
    __m512 lo = _mm512_set1_ps(INFINITY), hi = _mm512_set1_ps(-INFINITY);
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 v = _mm512_loadu_ps(x + i);
        lo = _mm512_min_ps(lo, v);
        hi = _mm512_max_ps(hi, v);
    }
    float low = _mm512_reduce_min_ps(lo), high = _mm512_reduce_max_ps(hi);
    range_tail_parameters(x, i, count, low, high, scale, zero_point);
    int32_t zp = *zero_point;
    __m512 s = _mm512_set1_ps(*scale);
    __m512 vlo = _mm512_set1_ps((float)(0 - zp)), vhi = _mm512_set1_ps((float)(255 - zp));
    __m512i z = _mm512_set1_epi32(zp);
    i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 v = _mm512_div_ps(_mm512_loadu_ps(x + i), s);
        v = _mm512_min_ps(_mm512_max_ps(v, vlo), vhi);
        __m512i n = _mm512_add_epi32(_mm512_cvtps_epi32(v), z);  // 0...255 after the clamp
        _mm_storeu_si128((__m128i *)(q + i), _mm512_cvtepi32_epi8(n));
    }
    quantize_scalar(x + i, count - i, q + i, *scale, zp);
}
#endif

void pv_quantize_u8(const float *x, long count, uint8_t *q, float *scale, int32_t *zero_point) {
#ifdef PV_X86
    if (pv_avx512_available()) {
        quantize_avx512(x, count, q, scale, zero_point);
        return;
    }
    if (pv_avx2_available()) {
        quantize_avx2(x, count, q, scale, zero_point);
        return;
    }
#endif
    float low = count > 0 ? x[0] : 0.0f, high = low;
    for (long i = 1; i < count; i++) {
        low = x[i] < low ? x[i] : low;
        high = x[i] > high ? x[i] : high;
    }
    quantization_parameters(low, high, scale, zero_point);
    quantize_scalar(x, count, q, *scale, *zero_point);
}

// The quad layout the VNNI kernels read without shuffling: blocks of 16 columns × 4 rows (64 bytes, one
// 512-bit register).
void pv_int8_pack_quads(const int8_t *w, int k, int n, int8_t *packed) { pack_blocked(w, k, n, 16, 4, packed); }

void pv_int8_unpack_quads_float(const int8_t *packed, int k, int n, float *w) {
    unpack_blocked_float(packed, k, n, 16, 4, w);
}

// MARK: u8 × s8 product

static void finish_scalar(int32_t acc, int32_t zp, int32_t sum, float multiplier, const float *bias, int n, float *y) {
    float r = (float)(acc - zp * sum) * multiplier;
    *y = bias ? r + bias[n] : r;
}

static void qgemm_scalar(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zp,
                         const int32_t *sums, const float *mult, const float *bias, float *y) {
    int k2count = k / 2;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            const int8_t *col = packed + ((long)(j / 8) * k2count) * 16 + (j % 8) * 2;
            int32_t acc = 0;
            for (int k2 = 0; k2 < k2count; k2++) {
                const uint8_t *av = a + (long)i * k + 2 * k2;
                const int8_t *wv = col + (long)k2 * 16;
                acc += (int32_t)av[0] * wv[0] + (int32_t)av[1] * wv[1];
            }
            finish_scalar(acc, zp, sums[j], mult[j], bias, j, y + (long)i * n + j);
        }
}

static void qgemm_quads_scalar(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zp,
                               const int32_t *sums, const float *mult, const float *bias, float *y) {
    int k4count = k / 4;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            const int8_t *col = packed + ((long)(j / 16) * k4count) * 64 + (j % 16) * 4;
            int32_t acc = 0;
            for (int k4 = 0; k4 < k4count; k4++) {
                const uint8_t *av = a + (long)i * k + 4 * k4;
                const int8_t *wv = col + (long)k4 * 64;
                acc += (int32_t)av[0] * wv[0] + (int32_t)av[1] * wv[1] + (int32_t)av[2] * wv[2] + (int32_t)av[3] * wv[3];
            }
            finish_scalar(acc, zp, sums[j], mult[j], bias, j, y + (long)i * n + j);
        }
}

#ifdef PV_X86
// ROWS rows × 16 columns, exact int32 sums: weights widened to int16 (vpmovsxbw), activations zero-extended,
// vpmaddwd adds each pair of products in int32 (no int16 saturation, unlike vpmaddubsw).
#define PV_QKERNEL(ROWS)                                                                                   \
    PV_AVX2 static void qkernel_##ROWS(const uint8_t *a, int k, const int8_t *b0, const int8_t *b1,       \
                                       int k2count, __m256i out[][2]) {                                   \
        __m256i acc[ROWS][2];                                                                              \
        for (int r = 0; r < ROWS; r++) acc[r][0] = acc[r][1] = _mm256_setzero_si256();                     \
        for (int k2 = 0; k2 < k2count; k2++) {                                                             \
            __m256i w0 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(b0 + k2 * 16L)));          \
            __m256i w1 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(b1 + k2 * 16L)));          \
            for (int r = 0; r < ROWS; r++) {                                                               \
                const uint8_t *ap = a + (long)r * k + 2 * k2;                                              \
                __m256i av = _mm256_set1_epi32((int32_t)ap[0] | ((int32_t)ap[1] << 16));                   \
                acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(av, w0));                        \
                acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(av, w1));                        \
            }                                                                                              \
        }                                                                                                  \
        for (int r = 0; r < ROWS; r++) {                                                                   \
            out[r][0] = acc[r][0];                                                                         \
            out[r][1] = acc[r][1];                                                                         \
        }                                                                                                  \
    }

PV_QKERNEL(4)
PV_QKERNEL(1)

// VNNI: vpdpbusd adds four u8 × s8 products per int32 lane to the accumulator, exactly (no saturation), so
// the sums are the same integers as above and the outputs the same bits. Two k-pairs of the packed layout
// (rows k2 and k2 + 1 of an 8-column block) interleave by 16-bit units into 8 columns × 4 k.
#define PV_VNNI512 __attribute__((target("avx2,fma,avx512f,avx512vl,avx512vnni")))
#define PV_AVXVNNI __attribute__((target("avx2,fma,avxvnni")))

#define PV_VNNI_WEIGHTS(B, K2)                                                                              \
    _mm256_set_m128i(                                                                                      \
        _mm_unpackhi_epi16(_mm_loadu_si128((const __m128i *)((B) + (K2) * 16L)),                            \
                           _mm_loadu_si128((const __m128i *)((B) + ((K2) + 1) * 16L))),                     \
        _mm_unpacklo_epi16(_mm_loadu_si128((const __m128i *)((B) + (K2) * 16L)),                            \
                           _mm_loadu_si128((const __m128i *)((B) + ((K2) + 1) * 16L))))

#define PV_VNNI_KERNEL(NAME, ATTR, DPBUSD, ROWS)                                                            \
    ATTR static void NAME(const uint8_t *a, int k, const int8_t *b0, const int8_t *b1, int k2count,       \
                          __m256i out[][2]) {                                                              \
        __m256i acc[ROWS][2];                                                                              \
        for (int r = 0; r < ROWS; r++) acc[r][0] = acc[r][1] = _mm256_setzero_si256();                     \
        for (int k2 = 0; k2 < k2count; k2 += 2) {                                                          \
            __m256i w0 = PV_VNNI_WEIGHTS(b0, k2);                                                          \
            __m256i w1 = PV_VNNI_WEIGHTS(b1, k2);                                                          \
            for (int r = 0; r < ROWS; r++) {                                                               \
                int32_t four;                                                                              \
                memcpy(&four, a + (long)r * k + 2 * k2, 4);                                                \
                __m256i av = _mm256_set1_epi32(four);                                                      \
                acc[r][0] = DPBUSD(acc[r][0], av, w0);                                                     \
                acc[r][1] = DPBUSD(acc[r][1], av, w1);                                                     \
            }                                                                                              \
        }                                                                                                  \
        for (int r = 0; r < ROWS; r++) {                                                                   \
            out[r][0] = acc[r][0];                                                                         \
            out[r][1] = acc[r][1];                                                                         \
        }                                                                                                  \
    }

PV_VNNI_KERNEL(vnni512_kernel_6, PV_VNNI512, _mm256_dpbusd_epi32, 6)
PV_VNNI_KERNEL(vnni512_kernel_1, PV_VNNI512, _mm256_dpbusd_epi32, 1)
PV_VNNI_KERNEL(avxvnni_kernel_6, PV_AVXVNNI, _mm256_dpbusd_avx_epi32, 6)
PV_VNNI_KERNEL(avxvnni_kernel_1, PV_AVXVNNI, _mm256_dpbusd_avx_epi32, 1)

// The driver: 16 columns (two packed blocks) at a time, BIG rows per kernel call then single rows; the
// integer sums turned into floats as onnxruntime does (acc − zp·Σw, times the multiplier, plus the bias).
#define PV_QGEMM_DRIVER(NAME, ATTR, BIG, KERNEL_BIG, KERNEL_1)                                               \
    ATTR static void NAME(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zp,           \
                          const int32_t *sums, const float *mult, const float *bias, float *y) {             \
        int k2count = k / 2;                                                                               \
        long blockStride = (long)k2count * 16;                                                             \
        __m256i acc[BIG][2];                                                                               \
        const __m256i zpv = _mm256_set1_epi32(zp);                                                         \
        for (int nb = 0; nb < n / 8; nb += 2) {                                                            \
            const int8_t *b0 = packed + (long)nb * blockStride;                                            \
            const int8_t *b1 = b0 + blockStride;                                                           \
            int col = 8 * nb;                                                                              \
            __m256i s0 = _mm256_mullo_epi32(zpv, _mm256_loadu_si256((const __m256i *)(sums + col)));       \
            __m256i s1 = _mm256_mullo_epi32(zpv, _mm256_loadu_si256((const __m256i *)(sums + col + 8)));   \
            __m256 m0 = _mm256_loadu_ps(mult + col), m1 = _mm256_loadu_ps(mult + col + 8);                 \
            __m256 c0 = bias ? _mm256_loadu_ps(bias + col) : _mm256_setzero_ps();                          \
            __m256 c1 = bias ? _mm256_loadu_ps(bias + col + 8) : _mm256_setzero_ps();                      \
            int row = 0;                                                                                   \
            while (row < m) {                                                                              \
                int rows = m - row >= BIG ? BIG : 1;                                                       \
                if (rows == BIG) KERNEL_BIG(a + (long)row * k, k, b0, b1, k2count, acc);                    \
                else KERNEL_1(a + (long)row * k, k, b0, b1, k2count, acc);                                 \
                for (int r = 0; r < rows; r++) {                                                           \
                    __m256 f0 = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(acc[r][0], s0)), m0);    \
                    __m256 f1 = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(acc[r][1], s1)), m1);    \
                    if (bias) {                                                                            \
                        f0 = _mm256_add_ps(f0, c0);                                                        \
                        f1 = _mm256_add_ps(f1, c1);                                                        \
                    }                                                                                      \
                    float *out = y + (long)(row + r) * n + col;                                            \
                    _mm256_storeu_ps(out, f0);                                                             \
                    _mm256_storeu_ps(out + 8, f1);                                                         \
                }                                                                                          \
                row += rows;                                                                               \
            }                                                                                              \
        }                                                                                                  \
    }

PV_QGEMM_DRIVER(qgemm_avx2, PV_AVX2, 4, qkernel_4, qkernel_1)
PV_QGEMM_DRIVER(qgemm_vnni512, PV_VNNI512, 6, vnni512_kernel_6, vnni512_kernel_1)
PV_QGEMM_DRIVER(qgemm_avxvnni, PV_AVXVNNI, 6, avxvnni_kernel_6, avxvnni_kernel_1)

// Quad layout, AVX-512 VNNI with 512-bit registers: 32 columns (two 16-column blocks) × ROWS rows per call,
// one 64-byte load per block and k4 step, one vpdpbusd per row and block.
#define PV_QUAD_KERNEL(ROWS)                                                                                 \
    PV_VNNI512 static void quad_kernel_##ROWS(const uint8_t *a, int k, const int8_t *b0, const int8_t *b1, \
                                                    int k4count, __m512i out[][2]) {                          \
        __m512i acc[ROWS][2];                                                                                \
        for (int r = 0; r < ROWS; r++) acc[r][0] = acc[r][1] = _mm512_setzero_si512();                       \
        for (int k4 = 0; k4 < k4count; k4++) {                                                               \
            __m512i w0 = _mm512_loadu_si512((const void *)(b0 + k4 * 64L));                                   \
            __m512i w1 = _mm512_loadu_si512((const void *)(b1 + k4 * 64L));                                   \
            for (int r = 0; r < ROWS; r++) {                                                                 \
                int32_t four;                                                                                \
                memcpy(&four, a + (long)r * k + 4 * k4, 4);                                                  \
                __m512i av = _mm512_set1_epi32(four);                                                        \
                acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], av, w0);                                          \
                acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], av, w1);                                          \
            }                                                                                                \
        }                                                                                                    \
        for (int r = 0; r < ROWS; r++) {                                                                     \
            out[r][0] = acc[r][0];                                                                           \
            out[r][1] = acc[r][1];                                                                           \
        }                                                                                                    \
    }

PV_QUAD_KERNEL(8)
PV_QUAD_KERNEL(4)
PV_QUAD_KERNEL(1)

PV_VNNI512 static void qgemm_quads_vnni512(const uint8_t *a, int m, int k, const int8_t *packed, int n,
                                                 int32_t zp, const int32_t *sums, const float *mult,
                                                 const float *bias, float *y) {
    int k4count = k / 4;
    long blockStride = (long)k4count * 64;
    __m512i acc[8][2];
    const __m512i zpv = _mm512_set1_epi32(zp);
    for (int nb = 0; nb < n / 16; nb += 2) {
        const int8_t *b0 = packed + (long)nb * blockStride;
        const int8_t *b1 = b0 + blockStride;
        int col = 16 * nb;
        __m512i s0 = _mm512_mullo_epi32(zpv, _mm512_loadu_si512((const void *)(sums + col)));
        __m512i s1 = _mm512_mullo_epi32(zpv, _mm512_loadu_si512((const void *)(sums + col + 16)));
        __m512 m0 = _mm512_loadu_ps(mult + col), m1 = _mm512_loadu_ps(mult + col + 16);
        __m512 c0 = bias ? _mm512_loadu_ps(bias + col) : _mm512_setzero_ps();
        __m512 c1 = bias ? _mm512_loadu_ps(bias + col + 16) : _mm512_setzero_ps();
        int row = 0;
        while (row < m) {
            int rows = m - row >= 8 ? 8 : (m - row >= 4 ? 4 : 1);
            if (rows == 8) quad_kernel_8(a + (long)row * k, k, b0, b1, k4count, acc);
            else if (rows == 4) quad_kernel_4(a + (long)row * k, k, b0, b1, k4count, acc);
            else quad_kernel_1(a + (long)row * k, k, b0, b1, k4count, acc);
            for (int r = 0; r < rows; r++) {
                __m512 f0 = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_sub_epi32(acc[r][0], s0)), m0);
                __m512 f1 = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_sub_epi32(acc[r][1], s1)), m1);
                if (bias) {
                    f0 = _mm512_add_ps(f0, c0);
                    f1 = _mm512_add_ps(f1, c1);
                }
                float *out = y + (long)(row + r) * n + col;
                _mm512_storeu_ps(out, f0);
                _mm512_storeu_ps(out + 16, f1);
            }
            row += rows;
        }
    }
}
#endif

int pv_int8_quads_preferred(int k, int n) {
#ifdef PV_X86
    return vnni_kind() == 1 && k % 4 == 0 && n % 32 == 0;
#else
    (void)k;
    (void)n;
    return 0;
#endif
}

void pv_qgemm_quads(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zero_point,
                    const int32_t *column_sums, const float *multipliers, const float *bias, float *y) {
#ifdef PV_X86
    if (pv_avx512_available()) {
        qgemm_quads_vnni512(a, m, k, packed, n, zero_point, column_sums, multipliers, bias, y);
        return;
    }
#endif
    qgemm_quads_scalar(a, m, k, packed, n, zero_point, column_sums, multipliers, bias, y);
}

void pv_qgemm(const uint8_t *a, int m, int k, const int8_t *packed, int n, int32_t zero_point,
              const int32_t *column_sums, const float *multipliers, const float *bias, float *y) {
#ifdef PV_X86
    int kernel = pv_int8_kernel();
    if (kernel >= 2 && k % 4 != 0) kernel = 1;  // VNNI takes k four at a time
    switch (kernel) {
    case 2: qgemm_vnni512(a, m, k, packed, n, zero_point, column_sums, multipliers, bias, y); return;
    case 3: qgemm_avxvnni(a, m, k, packed, n, zero_point, column_sums, multipliers, bias, y); return;
    case 1: qgemm_avx2(a, m, k, packed, n, zero_point, column_sums, multipliers, bias, y); return;
    default: break;
    }
#endif
    qgemm_scalar(a, m, k, packed, n, zero_point, column_sums, multipliers, bias, y);
}
