#include "CInt8GEMM.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>
#define PV_X86 1
#endif

int pv_int8_gemm_available(void) {
#ifdef PV_X86
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & (1u << 27))) return 0;  // OSXSAVE
    unsigned int xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 0xe6) != 0xe6) return 0;  // SSE, AVX, opmask, ZMM_Hi256, Hi16_ZMM state
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int avx512f = (ebx >> 16) & 1, avx512bw = (ebx >> 30) & 1, vnni = (ecx >> 11) & 1;
    return avx512f && avx512bw && vnni;
#else
    return 0;
#endif
}

long pv_int8_packed_size(int k, int n) { return (long)k * (long)n; }

void pv_int8_pack(const int8_t *w, int k, int n, int8_t *packed) {
    // Block (nb, k4) holds columns 16·nb … 16·nb+15, rows 4·k4 … 4·k4+3, column-major in groups of 4:
    // packed[((nb · K/4 + k4) · 16 + j) · 4 + r] = w[4·k4 + r][16·nb + j].
    int k4count = k / 4;
    for (int nb = 0; nb < n / 16; nb++)
        for (int k4 = 0; k4 < k4count; k4++)
            for (int j = 0; j < 16; j++)
                for (int r = 0; r < 4; r++)
                    packed[(((long)nb * k4count + k4) * 16 + j) * 4 + r] = w[(long)(4 * k4 + r) * n + 16 * nb + j];
}

#ifdef PV_X86
#define PV_TARGET __attribute__((target("avx512f,avx512bw,avx512vnni")))

// ROWS rows × 64 columns (4 blocks of 16) of c; fixed trip counts so the accumulators stay in registers.
#define PV_KERNEL(ROWS)                                                                                     \
    PV_TARGET static void kernel_##ROWS(const uint8_t *a, int lda, const int8_t *b0, long blockStride,    \
                                        int k4count, int32_t *c, int ldc) {                                \
        __m512i acc[ROWS][4];                                                                               \
        for (int r = 0; r < ROWS; r++)                                                                      \
            for (int j = 0; j < 4; j++) acc[r][j] = _mm512_setzero_si512();                                 \
        const int8_t *b1 = b0 + blockStride, *b2 = b1 + blockStride, *b3 = b2 + blockStride;               \
        for (int k4 = 0; k4 < k4count; k4++) {                                                              \
            __m512i w0 = _mm512_loadu_si512(b0 + k4 * 64L);                                                 \
            __m512i w1 = _mm512_loadu_si512(b1 + k4 * 64L);                                                 \
            __m512i w2 = _mm512_loadu_si512(b2 + k4 * 64L);                                                 \
            __m512i w3 = _mm512_loadu_si512(b3 + k4 * 64L);                                                 \
            for (int r = 0; r < ROWS; r++) {                                                                \
                int32_t word;                                                                               \
                memcpy(&word, a + (long)r * lda + 4 * k4, 4);                                               \
                __m512i av = _mm512_set1_epi32(word);                                                       \
                acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], av, w0);                                         \
                acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], av, w1);                                         \
                acc[r][2] = _mm512_dpbusd_epi32(acc[r][2], av, w2);                                         \
                acc[r][3] = _mm512_dpbusd_epi32(acc[r][3], av, w3);                                         \
            }                                                                                               \
        }                                                                                                   \
        for (int r = 0; r < ROWS; r++)                                                                      \
            for (int j = 0; j < 4; j++) _mm512_storeu_si512(c + (long)r * ldc + 16 * j, acc[r][j]);         \
    }

PV_KERNEL(6)
PV_KERNEL(1)

PV_TARGET static void gemm_vnni(const uint8_t *a, int m, int k, int lda, const int8_t *packed, int n, int32_t *c,
                                int ldc) {
    int k4count = k / 4;
    long blockStride = (long)k4count * 64;
    for (int nb = 0; nb < n / 16; nb += 4) {
        const int8_t *b0 = packed + (long)nb * blockStride;
        int row = 0;
        for (; row + 6 <= m; row += 6)
            kernel_6(a + (long)row * lda, lda, b0, blockStride, k4count, c + (long)row * ldc + 16 * nb, ldc);
        for (; row < m; row++)
            kernel_1(a + (long)row * lda, lda, b0, blockStride, k4count, c + (long)row * ldc + 16 * nb, ldc);
    }
}

// ROWS rows × 64 columns of c per call: 4 masked blocks of 16 (masks cover the right edge), k steps
// of broadcast-FMA with the B loads shared by the rows.
#define PV_FLOAT_KERNEL(ROWS)                                                                               \
    PV_TARGET static void float_kernel_##ROWS(int k, const float *a, int lda, const float *b, int ldb,     \
                                              float *c, int ldc, const __mmask16 *masks) {                 \
        __m512 acc[ROWS][4];                                                                                \
        for (int r = 0; r < ROWS; r++)                                                                      \
            for (int t = 0; t < 4; t++) acc[r][t] = _mm512_setzero_ps();                                    \
        for (int p = 0; p < k; p++) {                                                                       \
            const float *brow = b + (long)p * ldb;                                                          \
            __m512 w0 = _mm512_maskz_loadu_ps(masks[0], brow);                                              \
            __m512 w1 = _mm512_maskz_loadu_ps(masks[1], brow + 16);                                         \
            __m512 w2 = _mm512_maskz_loadu_ps(masks[2], brow + 32);                                         \
            __m512 w3 = _mm512_maskz_loadu_ps(masks[3], brow + 48);                                         \
            for (int r = 0; r < ROWS; r++) {                                                                \
                __m512 av = _mm512_set1_ps(a[(long)r * lda + p]);                                           \
                acc[r][0] = _mm512_fmadd_ps(av, w0, acc[r][0]);                                             \
                acc[r][1] = _mm512_fmadd_ps(av, w1, acc[r][1]);                                             \
                acc[r][2] = _mm512_fmadd_ps(av, w2, acc[r][2]);                                             \
                acc[r][3] = _mm512_fmadd_ps(av, w3, acc[r][3]);                                             \
            }                                                                                               \
        }                                                                                                   \
        for (int r = 0; r < ROWS; r++)                                                                      \
            for (int t = 0; t < 4; t++) _mm512_mask_storeu_ps(c + (long)r * ldc + 16 * t, masks[t], acc[r][t]); \
    }

PV_FLOAT_KERNEL(6)
PV_FLOAT_KERNEL(1)

PV_TARGET static void float_gemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c,
                                 int ldc) {
    for (int j0 = 0; j0 < n; j0 += 64) {
        __mmask16 masks[4];
        for (int t = 0; t < 4; t++) {
            int left = n - j0 - 16 * t;
            masks[t] = left >= 16 ? (__mmask16)0xffff : left > 0 ? (__mmask16)((1u << left) - 1) : (__mmask16)0;
        }
        int i = 0;
        for (; i + 6 <= m; i += 6)
            float_kernel_6(k, a + (long)i * lda, lda, b + j0, ldb, c + (long)i * ldc + j0, ldc, masks);
        for (; i < m; i++) float_kernel_1(k, a + (long)i * lda, lda, b + j0, ldb, c + (long)i * ldc + j0, ldc, masks);
    }
}
#endif

void pv_float_gemm(int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc) {
#ifdef PV_X86
    float_gemm(m, n, k, a, lda, b, ldb, c, ldc);
#else
    (void)m; (void)n; (void)k; (void)a; (void)lda; (void)b; (void)ldb; (void)c; (void)ldc;
#endif
}

void pv_int8_gemm(const uint8_t *a, int m, int k, int lda, const int8_t *packed, int n, int32_t *c, int ldc) {
#ifdef PV_X86
    gemm_vnni(a, m, k, lda, packed, n, c, ldc);
#else
    (void)a; (void)m; (void)k; (void)lda; (void)packed; (void)n; (void)c; (void)ldc;
#endif
}
