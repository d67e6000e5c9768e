#ifndef PAPERRADAR_CLINEARALGEBRA_SHIM_H
#define PAPERRADAR_CLINEARALGEBRA_SHIM_H

// C surface of BLAS / LAPACK for the LinearAlgebra target.
// Only Sources/LinearAlgebra/BLAS.swift imports this module.

#include <stddef.h>
#include <cblas.h>

// MARK: - LAPACK (Fortran 77 interface, LP64)
//
// Fortran calling convention: every argument by pointer, matrices column-major,
// `int` is the 32-bit Fortran INTEGER of Debian's reference LAPACK and OpenBLAS.
// Each CHARACTER argument carries a trailing hidden length argument (gfortran passes
// it as `size_t`); we always declare and pass them (value 1).

/// QR factorisation A = Q R of an m×n matrix (Householder; R in the upper triangle, reflectors below).
void sgeqrf_(const int *m, const int *n, float *a, const int *lda, float *tau,
             float *work, const int *lwork, int *info);

/// Forms the m×n matrix Q with orthonormal columns from the first k reflectors of sgeqrf_.
void sorgqr_(const int *m, const int *n, const int *k, float *a, const int *lda,
             const float *tau, float *work, const int *lwork, int *info);

/// SVD A = U Σ Vᵀ by divide and conquer.
void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda,
             float *s, float *u, const int *ldu, float *vt, const int *ldvt,
             float *work, const int *lwork, int *iwork, int *info,
             size_t jobz_len);

/// Eigen-decomposition of a symmetric matrix by divide and conquer (eigenvalues ascending).
void ssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda,
             float *w, float *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

// MARK: - Dynamic loader
//
// glibc declares dladdr/Dl_info only under _GNU_SOURCE, which Swift's Glibc module does
// not expose. This is the same ABI under a private name (asm label binds it to `dladdr`).

typedef struct {
    const char *dli_fname; // path of the shared object containing the address
    void *dli_fbase;       // load address of that object
    const char *dli_sname; // nearest symbol name
    void *dli_saddr;       // exact address of that symbol
} cla_dl_info;

int cla_dladdr(const void *address, cla_dl_info *info) __asm__("dladdr");

#endif
