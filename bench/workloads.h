/* The workloads' parameters and the raw HDF5 C implementation of each workload.
 *
 * The parameters are shared by the three implementations (h5kit, raw C, h5py). h5py_bench.py
 * repeats them; report.py checks that every implementation reports the same checksums, so a
 * drift between the two copies shows up in the report instead of going unnoticed.
 *
 * This header is valid C and C++ (no casts in the macros, so C++'s -Wold-style-cast stays quiet); rawc_workloads.c is plain C11 calling H5F/H5D/H5S/H5A/H5G directly. */
#ifndef H5KIT_BENCH_WORKLOADS_H
#define H5KIT_BENCH_WORKLOADS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <hdf5.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1, 2: one 256 MiB contiguous float64 dataset, written and read whole. Element i holds i * 0.5. */
#define BENCH_BULK_ELEMENTS (256u * 1024u * 1024u / 8u) /* 256 MiB of float64 */
/* 3: single-element reads at random positions of a 1-D float64 dataset whose element i holds i. */
#define BENCH_POINT_DATASET_ELEMENTS 1000000u
#define BENCH_POINT_READS 100000u
#define BENCH_POINT_SEED UINT64_C(0x6835B17E5EED)
/* 4: int64 scalar attributes "attr_00000".."attr_09999" on one group; attribute i holds i. */
#define BENCH_ATTRIBUTES 10000u
/* 5: groups "g_00000".."g_04999" under the root, each with int64 "index" = i and float64 "value" = i * 0.5. */
#define BENCH_GROUPS 5000u
/* 6: one 256 MiB float32 dataset, chunked in 1 MiB chunks (262144 elements: no larger than HDF5's default
 * 1 MiB chunk cache, so every chunk goes through the cache once and none is decoded twice), gzip level 4,
 * shuffle off; written whole and read whole. Element i holds bench_gzip_value(i).
 * 6c, 6d: the same with the shuffle filter before gzip. */
#define BENCH_GZIP_ELEMENTS (256u * 1024u * 1024u / 4u) /* 256 MiB of float32 */
#define BENCH_GZIP_CHUNK 262144u                        /* elements per chunk: 1 MiB */
#define BENCH_GZIP_LEVEL 4
#define BENCH_GZIP_SEED UINT64_C(0x9A1B5C0FFEE)

/* 7: typed models (include/h5kit/model.hpp). A list of BENCH_MODEL_STATIONS models of BENCH_MODEL_FIELDS
 * float64 scalar fields: groups /stations/0 .. /stations/999, each with float64 attributes "f0".."f9";
 * field j of station i holds bench_station_value(i, j). 10,000 scalars across 1,000 groups. */
#define BENCH_MODEL_STATIONS 1000u
#define BENCH_MODEL_FIELDS 10u
#define BENCH_MODEL_LIST_NAME "stations"
/* 8: a model with BENCH_SCAN_IMAGES float32 datasets of BENCH_SCAN_ROWS x BENCH_SCAN_COLUMNS (2 MiB each,
 * 128 MiB in all, contiguous): /images/0 .. /images/63, each with a float64 attribute "exposure"
 * = (k + 1) * 0.5; the root has float64 "temperature" and int64 "frames". Element e of image k holds
 * bench_image_value(k, e). Loaded eagerly (every value read) and lazily (attributes and shapes only). */
#define BENCH_SCAN_IMAGES 64u
#define BENCH_SCAN_ROWS 512u
#define BENCH_SCAN_COLUMNS 1024u
#define BENCH_SCAN_LIST_NAME "images"
#define BENCH_SCAN_TEMPERATURE 293.5
#define BENCH_SCAN_FRAMES 64

/* 9, 10: the lazy layer (include/h5kit/lazy/). One 2 GiB float64 dataset of BENCH_LAZY_ROWS x
 * BENCH_LAZY_COLUMNS, chunked in BENCH_LAZY_CHUNK_ROWS x BENCH_LAZY_CHUNK_COLUMNS (1 MiB chunks, no filter),
 * written once before anything is timed. Element (r, c) holds bench_lazy_value(r * columns + c).
 * 9a: sum; 9b: sum, mean and std (numpy's ddof 0) -- h5kit with a BENCH_LAZY_CAP memory cap, raw C block by
 * block, h5py loading the whole array then numpy. 10: sin of every element into a new dataset of the same
 * chunking -- h5kit's lazy sin, raw C and h5py reading, computing and writing block by block.
 * A block is BENCH_LAZY_BLOCK_ROWS whole rows (32 MiB of float64): what h5kit's plan picks under the cap
 * for an operation that holds 16 bytes per element (a reduction's value + index, or sin's input + output). */
#define BENCH_LAZY_ROWS 16384u
#define BENCH_LAZY_COLUMNS 16384u /* 16384 x 16384 float64 = 2 GiB */
#define BENCH_LAZY_CHUNK_ROWS 64u
#define BENCH_LAZY_CHUNK_COLUMNS 2048u /* 64 x 2048 float64 = 1 MiB per chunk */
#define BENCH_LAZY_CAP (64u << 20)     /* ScopedMemoryCap of the h5kit side: 64 MiB */
#define BENCH_LAZY_BLOCK_ROWS 256u
#define BENCH_LAZY_PERIOD 4096u
#define BENCH_LAZY_OUTPUT_NAME "sin"

/* A sawtooth of period BENCH_LAZY_PERIOD in steps of 0.25: every partial sum is exact in float64, so every
 * implementation reports the same sum, and the mean and std have closed forms (bench_lazy_expected). */
static inline double bench_lazy_value(uint64_t i) {
  const double step = i % BENCH_LAZY_PERIOD;
  return step * 0.25;
}
/* The exact sum, mean and population std of the whole dataset. */
static inline void bench_lazy_expected(double* sum, double* mean, double* std_dev) {
  const double rows = BENCH_LAZY_ROWS, p = BENCH_LAZY_PERIOD;
  const double n = rows * BENCH_LAZY_COLUMNS;
  *mean = 0.25 * (p - 1) / 2;
  *sum = *mean * n;
  *std_dev = 0.25 * sqrt((p * p - 1) / 12);
}

static inline double bench_station_value(size_t station, size_t field) {
  const double k = station * BENCH_MODEL_FIELDS + field;
  return k * 0.5;
}
static inline float bench_image_value(size_t image, size_t element) {
  const float v = image + element % BENCH_SCAN_COLUMNS; /* small integers: exact in float32 */
  return v;
}

/* Name of every object in the files (the same in all three implementations). */
#define BENCH_DATASET_NAME "data"
#define BENCH_ATTR_GROUP_NAME "attrs"

/* SplitMix64: a tiny generator that gives the same positions in C, C++ and Python. */
static inline uint64_t bench_splitmix64(uint64_t* state) {
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Compressible like a measured signal: a wave of parabolic arches (period 65536 elements, amplitude 1024)
 * plus noise of -8..7 steps of 1/64 in the low bits, from SplitMix64 indexed by i. Computed in integers and
 * scaled by a power of two, so every value is exact in float32 and C, C++ and numpy agree bit for bit.
 * gzip 4 stores it at about 2.8:1 without shuffle, 3.6:1 with shuffle. */
static inline float bench_gzip_value(uint64_t i) {
  uint64_t state = BENCH_GZIP_SEED + i * UINT64_C(0x9E3779B97F4A7C15);
  const int64_t noise = bench_splitmix64(&state) >> 60; /* 0..15 */
  const int64_t phase = i % 65536u, h = phase % 32768;
  const int64_t arch = (h * (32768 - h)) >> 12; /* 0..65536 */
  const float steps = (phase < 32768 ? arch : -arch) + noise - 8;
  return steps / 64.0f;
}

/* ---- raw HDF5 C implementation (rawc_workloads.c). Every function returns 0, or -1 on failure
 * (HDF5 prints its error stack). Files are created with libver bounds latest/latest, as h5kit does. */

/* Creates `path` (truncating) holding one contiguous float64 dataset "data" of n elements. */
int rawc_bulk_write(const char* path, const double* data, size_t n);
/* Opens `path` and reads the whole of "data" (n elements) into `out`. */
int rawc_bulk_read(const char* path, double* out, size_t n);

/* An open dataset prepared for single-element reads: the file dataspace and a one-element
 * memory dataspace are made once and reused for every read (what a careful C programmer does). */
typedef struct {
  hid_t file, dataset, file_space, mem_space;
} rawc_point_reader;
int rawc_point_open(rawc_point_reader* reader, const char* path);
/* Reads element positions[k] for each k, one H5Sselect_hyperslab + H5Dread per element; adds them to *sum. */
int rawc_point_read(rawc_point_reader* reader, const uint64_t* positions, size_t count, double* sum);
/* The same, but making the file and memory dataspaces anew for each element (a stateless wrapper's cost). */
int rawc_point_read_fresh_spaces(rawc_point_reader* reader, const uint64_t* positions, size_t count, double* sum);
void rawc_point_close(rawc_point_reader* reader);

/* Creates `path` holding "data": n float32 values, chunks of BENCH_GZIP_CHUNK, shuffle (when `shuffle` is
 * not 0) then gzip at BENCH_GZIP_LEVEL. */
int rawc_gzip_write(const char* path, const float* data, size_t n, int shuffle);
/* Opens `path` and reads the whole of "data" (n float32 values) into `out`. */
int rawc_gzip_read(const char* path, float* out, size_t n);

/* Creates `path` with a group "attrs" holding count int64 scalar attributes names[i] = i. */
int rawc_attrs_create(const char* path, const char* const* names, size_t count);
/* Opens `path` and reads every attribute names[i] of "attrs", adding the values to *sum. */
int rawc_attrs_read(const char* path, const char* const* names, size_t count, int64_t* sum);
/* Creates `path` with count groups names[i] under the root, each with attributes "index" and "value". */
int rawc_groups_create(const char* path, const char* const* names, size_t count);

/* 7. Creates `path` with the stations of workload 7: values[i * BENCH_MODEL_FIELDS + j] is field j of
 * station i (H5Gcreate2 + H5Acreate2/H5Awrite per field). With `compact_attributes`, each station group
 * is created with H5Pset_attr_phase_change(gcpl, 16, 14), so its 10 attributes stay in the object header
 * instead of HDF5's dense storage (a fractal heap and a v2 B-tree per group past 8 attributes). */
int rawc_model_dump(const char* path, const double* values, size_t stations, int compact_attributes);
/* Opens `path` and reads every station's fields into `values` (room for max_stations), storing the
 * number of stations (links of /stations) in *stations (H5Gopen2 + H5Aopen/H5Aread per field). */
int rawc_model_load(const char* path, double* values, size_t max_stations, size_t* stations);

/* 8. Creates `path` holding the scan of workload 8. */
int rawc_scan_write(const char* path);
/* Opens `path`, reads the root attributes, and for every image its shape and "exposure"; with
 * `read_values` also every image's values into a new buffer (all kept until the end, as a loaded model
 * keeps them). *checksum: temperature + frames + sum of (exposure + rows * columns) [+ last value]. */
int rawc_scan_load(const char* path, int read_values, double* checksum);

/* 9, 10. Creates `path` (truncating) holding the lazy workloads' input "data", written slab by slab. */
int rawc_lazy_make_input(const char* path);
/* 9. Opens `path` and reduces "data" block by block (BENCH_LAZY_BLOCK_ROWS rows, one buffer): the sum and,
 * with `moments`, the mean and population std in the same pass (each block's mean and squared deviations,
 * merged with Chan et al.'s update). */
int rawc_lazy_reduce(const char* path, int moments, double* sum, double* mean, double* std_dev);
/* 10. Creates `out_path` (truncating) holding "sin": sin of every element of "data" in `in_path`, same
 * shape and chunks, read, computed and written block by block. */
int rawc_lazy_sin(const char* in_path, const char* out_path);
/* 10. 0 when "sin" in `path` holds sin of the input at a sample of positions (first and last rows). */
int rawc_lazy_check_sin(const char* path);

#ifdef __cplusplus
}
#endif

#endif
