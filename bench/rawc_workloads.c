/* The benchmark workloads written against the raw HDF5 C API: the baseline h5kit is measured against.
 * Plain C11, no helpers beyond what a careful C programmer would write. */
#include "workloads.h"

#include <stdio.h>
#include <stdlib.h>

/* Evaluates an HDF5 call; on a negative result reports where and jumps to the function's cleanup. */
#define TRY(call)                                                              \
  do {                                                                         \
    if ((call) < 0) {                                                          \
      fprintf(stderr, "rawc: %s failed (%s:%d)\n", #call, __FILE__, __LINE__); \
      goto fail;                                                               \
    }                                                                          \
  } while (0)

/* Closes an identifier if it was opened. */
#define CLOSE(fn, id) \
  do {                \
    if ((id) >= 0) {  \
      fn(id);         \
      (id) = -1;      \
    }                 \
  } while (0)

/* A file access property list with the newest format bounds, as h5kit's default. */
static hid_t latest_fapl(void) {
  hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  if (fapl < 0) return -1;
  if (H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST) < 0) {
    H5Pclose(fapl);
    return -1;
  }
  return fapl;
}

static hid_t create_file(const char* path) {
  hid_t fapl = latest_fapl();
  if (fapl < 0) return -1;
  hid_t file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  H5Pclose(fapl);
  return file;
}

static hid_t open_file(const char* path, unsigned flags) {
  hid_t fapl = latest_fapl();
  if (fapl < 0) return -1;
  hid_t file = H5Fopen(path, flags, fapl);
  H5Pclose(fapl);
  return file;
}

int rawc_bulk_write(const char* path, const double* data, size_t n) {
  hid_t file = -1, space = -1, dset = -1;
  const hsize_t dims[1] = {n};
  TRY(file = create_file(path));
  TRY(space = H5Screate_simple(1, dims, NULL));
  TRY(dset = H5Dcreate2(file, BENCH_DATASET_NAME, H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  TRY(H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data));
  TRY(H5Dclose(dset));
  dset = -1;
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Dclose, dset);
  CLOSE(H5Sclose, space);
  CLOSE(H5Fclose, file);
  return -1;
}

int rawc_bulk_read(const char* path, double* out, size_t n) {
  hid_t file = -1, dset = -1, space = -1;
  hssize_t stored = 0;
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(dset = H5Dopen2(file, BENCH_DATASET_NAME, H5P_DEFAULT));
  TRY(space = H5Dget_space(dset));
  TRY(stored = H5Sget_simple_extent_npoints(space));
  if ((size_t)stored != n) {
    fprintf(stderr, "rawc: %s holds %lld elements, expected %zu\n", path, (long long)stored, n);
    goto fail;
  }
  TRY(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out));
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Dclose(dset));
  dset = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Sclose, space);
  CLOSE(H5Dclose, dset);
  CLOSE(H5Fclose, file);
  return -1;
}

int rawc_gzip_write(const char* path, const float* data, size_t n, int shuffle) {
  hid_t file = -1, space = -1, dcpl = -1, dset = -1;
  const hsize_t dims[1] = {n}, chunk[1] = {BENCH_GZIP_CHUNK};
  TRY(file = create_file(path));
  TRY(space = H5Screate_simple(1, dims, NULL));
  TRY(dcpl = H5Pcreate(H5P_DATASET_CREATE));
  TRY(H5Pset_chunk(dcpl, 1, chunk));
  if (shuffle) TRY(H5Pset_shuffle(dcpl));
  TRY(H5Pset_deflate(dcpl, BENCH_GZIP_LEVEL));
  TRY(dset = H5Dcreate2(file, BENCH_DATASET_NAME, H5T_NATIVE_FLOAT, space, H5P_DEFAULT, dcpl, H5P_DEFAULT));
  TRY(H5Dwrite(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data));
  TRY(H5Dclose(dset));
  dset = -1;
  TRY(H5Pclose(dcpl));
  dcpl = -1;
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Dclose, dset);
  CLOSE(H5Pclose, dcpl);
  CLOSE(H5Sclose, space);
  CLOSE(H5Fclose, file);
  return -1;
}

int rawc_gzip_read(const char* path, float* out, size_t n) {
  hid_t file = -1, dset = -1, space = -1;
  hssize_t stored = 0;
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(dset = H5Dopen2(file, BENCH_DATASET_NAME, H5P_DEFAULT));
  TRY(space = H5Dget_space(dset));
  TRY(stored = H5Sget_simple_extent_npoints(space));
  if ((size_t)stored != n) {
    fprintf(stderr, "rawc: %s holds %lld elements, expected %zu\n", path, (long long)stored, n);
    goto fail;
  }
  TRY(H5Dread(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out));
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Dclose(dset));
  dset = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Sclose, space);
  CLOSE(H5Dclose, dset);
  CLOSE(H5Fclose, file);
  return -1;
}

int rawc_point_open(rawc_point_reader* r, const char* path) {
  const hsize_t one[1] = {1};
  r->file = r->dataset = r->file_space = r->mem_space = -1;
  TRY(r->file = open_file(path, H5F_ACC_RDONLY));
  TRY(r->dataset = H5Dopen2(r->file, BENCH_DATASET_NAME, H5P_DEFAULT));
  TRY(r->file_space = H5Dget_space(r->dataset));
  TRY(r->mem_space = H5Screate_simple(1, one, NULL));
  return 0;
fail:
  rawc_point_close(r);
  return -1;
}

int rawc_point_read(rawc_point_reader* r, const uint64_t* positions, size_t count, double* sum) {
  const hsize_t one[1] = {1};
  double total = 0.0;
  for (size_t k = 0; k < count; ++k) {
    const hsize_t start[1] = {positions[k]};
    double value = 0.0;
    TRY(H5Sselect_hyperslab(r->file_space, H5S_SELECT_SET, start, NULL, one, NULL));
    TRY(H5Dread(r->dataset, H5T_NATIVE_DOUBLE, r->mem_space, r->file_space, H5P_DEFAULT, &value));
    total += value;
  }
  *sum += total;
  return 0;
fail:
  return -1;
}

int rawc_point_read_fresh_spaces(rawc_point_reader* r, const uint64_t* positions, size_t count, double* sum) {
  const hsize_t one[1] = {1};
  double total = 0.0;
  hid_t file_space = -1, mem_space = -1;
  for (size_t k = 0; k < count; ++k) {
    const hsize_t start[1] = {positions[k]};
    double value = 0.0;
    TRY(file_space = H5Dget_space(r->dataset));
    TRY(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, one, NULL));
    TRY(mem_space = H5Screate_simple(1, one, NULL));
    TRY(H5Dread(r->dataset, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, &value));
    TRY(H5Sclose(mem_space));
    mem_space = -1;
    TRY(H5Sclose(file_space));
    file_space = -1;
    total += value;
  }
  *sum += total;
  return 0;
fail:
  CLOSE(H5Sclose, mem_space);
  CLOSE(H5Sclose, file_space);
  return -1;
}

void rawc_point_close(rawc_point_reader* r) {
  CLOSE(H5Sclose, r->mem_space);
  CLOSE(H5Sclose, r->file_space);
  CLOSE(H5Dclose, r->dataset);
  CLOSE(H5Fclose, r->file);
}

int rawc_attrs_create(const char* path, const char* const* names, size_t count) {
  hid_t file = -1, group = -1, space = -1, attr = -1;
  TRY(file = create_file(path));
  TRY(group = H5Gcreate2(file, BENCH_ATTR_GROUP_NAME, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  TRY(space = H5Screate(H5S_SCALAR));
  for (size_t i = 0; i < count; ++i) {
    const int64_t value = (int64_t)i;
    TRY(attr = H5Acreate2(group, names[i], H5T_NATIVE_INT64, space, H5P_DEFAULT, H5P_DEFAULT));
    TRY(H5Awrite(attr, H5T_NATIVE_INT64, &value));
    TRY(H5Aclose(attr));
    attr = -1;
  }
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Gclose(group));
  group = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Aclose, attr);
  CLOSE(H5Sclose, space);
  CLOSE(H5Gclose, group);
  CLOSE(H5Fclose, file);
  return -1;
}

int rawc_attrs_read(const char* path, const char* const* names, size_t count, int64_t* sum) {
  hid_t file = -1, group = -1, attr = -1;
  int64_t total = 0;
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(group = H5Gopen2(file, BENCH_ATTR_GROUP_NAME, H5P_DEFAULT));
  for (size_t i = 0; i < count; ++i) {
    int64_t value = 0;
    TRY(attr = H5Aopen(group, names[i], H5P_DEFAULT));
    TRY(H5Aread(attr, H5T_NATIVE_INT64, &value));
    TRY(H5Aclose(attr));
    attr = -1;
    total += value;
  }
  TRY(H5Gclose(group));
  group = -1;
  TRY(H5Fclose(file));
  *sum += total;
  return 0;
fail:
  CLOSE(H5Aclose, attr);
  CLOSE(H5Gclose, group);
  CLOSE(H5Fclose, file);
  return -1;
}

/* Writes one scalar attribute of `type` on `object`. */
static int write_scalar_attr(hid_t object, const char* name, hid_t type, hid_t scalar_space, const void* value) {
  hid_t attr = -1;
  TRY(attr = H5Acreate2(object, name, type, scalar_space, H5P_DEFAULT, H5P_DEFAULT));
  TRY(H5Awrite(attr, type, value));
  TRY(H5Aclose(attr));
  return 0;
fail:
  CLOSE(H5Aclose, attr);
  return -1;
}

int rawc_groups_create(const char* path, const char* const* names, size_t count) {
  hid_t file = -1, group = -1, space = -1;
  TRY(file = create_file(path));
  TRY(space = H5Screate(H5S_SCALAR));
  for (size_t i = 0; i < count; ++i) {
    const int64_t index = (int64_t)i;
    const double value = (double)i * 0.5;
    TRY(group = H5Gcreate2(file, names[i], H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    TRY(write_scalar_attr(group, "index", H5T_NATIVE_INT64, space, &index));
    TRY(write_scalar_attr(group, "value", H5T_NATIVE_DOUBLE, space, &value));
    TRY(H5Gclose(group));
    group = -1;
  }
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Gclose, group);
  CLOSE(H5Sclose, space);
  CLOSE(H5Fclose, file);
  return -1;
}

/* ---- 7: a list of 1,000 models with 10 float64 scalar fields each */

static const char* const station_fields[BENCH_MODEL_FIELDS] = {"f0", "f1", "f2", "f3", "f4",
                                                               "f5", "f6", "f7", "f8", "f9"};

int rawc_model_dump(const char* path, const double* values, size_t stations, int compact_attributes) {
  hid_t file = -1, list = -1, group = -1, space = -1, gcpl = -1;
  char name[32];
  TRY(file = create_file(path));
  TRY(space = H5Screate(H5S_SCALAR));
  TRY(gcpl = H5Pcreate(H5P_GROUP_CREATE));
  if (compact_attributes) TRY(H5Pset_attr_phase_change(gcpl, 16, 14));
  TRY(list = H5Gcreate2(file, BENCH_MODEL_LIST_NAME, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  for (size_t i = 0; i < stations; ++i) {
    snprintf(name, sizeof name, "%zu", i);
    TRY(group = H5Gcreate2(list, name, H5P_DEFAULT, gcpl, H5P_DEFAULT));
    for (size_t j = 0; j < BENCH_MODEL_FIELDS; ++j) {
      TRY(write_scalar_attr(group, station_fields[j], H5T_NATIVE_DOUBLE, space, &values[i * BENCH_MODEL_FIELDS + j]));
    }
    TRY(H5Gclose(group));
    group = -1;
  }
  TRY(H5Gclose(list));
  list = -1;
  TRY(H5Pclose(gcpl));
  gcpl = -1;
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Fclose(file));
  return 0;
fail:
  CLOSE(H5Gclose, group);
  CLOSE(H5Gclose, list);
  CLOSE(H5Pclose, gcpl);
  CLOSE(H5Sclose, space);
  CLOSE(H5Fclose, file);
  return -1;
}

int rawc_model_load(const char* path, double* values, size_t max_stations, size_t* stations) {
  hid_t file = -1, list = -1, group = -1, attr = -1;
  H5G_info_t info;
  char name[32];
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(list = H5Gopen2(file, BENCH_MODEL_LIST_NAME, H5P_DEFAULT));
  TRY(H5Gget_info(list, &info));
  if (info.nlinks > max_stations) {
    fprintf(stderr, "rawc: %s holds %llu stations, room for %zu\n", path, (unsigned long long)info.nlinks,
            max_stations);
    goto fail;
  }
  for (size_t i = 0; i < info.nlinks; ++i) {
    snprintf(name, sizeof name, "%zu", i);
    TRY(group = H5Gopen2(list, name, H5P_DEFAULT));
    for (size_t j = 0; j < BENCH_MODEL_FIELDS; ++j) {
      TRY(attr = H5Aopen(group, station_fields[j], H5P_DEFAULT));
      TRY(H5Aread(attr, H5T_NATIVE_DOUBLE, &values[i * BENCH_MODEL_FIELDS + j]));
      TRY(H5Aclose(attr));
      attr = -1;
    }
    TRY(H5Gclose(group));
    group = -1;
  }
  TRY(H5Gclose(list));
  list = -1;
  TRY(H5Fclose(file));
  *stations = info.nlinks;
  return 0;
fail:
  CLOSE(H5Aclose, attr);
  CLOSE(H5Gclose, group);
  CLOSE(H5Gclose, list);
  CLOSE(H5Fclose, file);
  return -1;
}

/* ---- 8: a model of 64 float32 images of 2 MiB, loaded eagerly and lazily */

static int read_scalar_attr(hid_t object, const char* name, hid_t type, void* value) {
  hid_t attr = -1;
  TRY(attr = H5Aopen(object, name, H5P_DEFAULT));
  TRY(H5Aread(attr, type, value));
  TRY(H5Aclose(attr));
  return 0;
fail:
  CLOSE(H5Aclose, attr);
  return -1;
}

int rawc_scan_write(const char* path) {
  hid_t file = -1, list = -1, space = -1, scalar = -1, dset = -1;
  const hsize_t dims[2] = {BENCH_SCAN_ROWS, BENCH_SCAN_COLUMNS};
  const size_t n = (size_t)BENCH_SCAN_ROWS * BENCH_SCAN_COLUMNS;
  const double temperature = BENCH_SCAN_TEMPERATURE;
  const int64_t frames = BENCH_SCAN_FRAMES;
  float* buffer = malloc(n * sizeof *buffer);
  char name[32];
  if (buffer == NULL) return -1;
  TRY(file = create_file(path));
  TRY(scalar = H5Screate(H5S_SCALAR));
  TRY(write_scalar_attr(file, "temperature", H5T_NATIVE_DOUBLE, scalar, &temperature));
  TRY(write_scalar_attr(file, "frames", H5T_NATIVE_INT64, scalar, &frames));
  TRY(space = H5Screate_simple(2, dims, NULL));
  TRY(list = H5Gcreate2(file, BENCH_SCAN_LIST_NAME, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  for (size_t k = 0; k < BENCH_SCAN_IMAGES; ++k) {
    const double exposure = (double)(k + 1) * 0.5;
    for (size_t e = 0; e < n; ++e) buffer[e] = bench_image_value(k, e);
    snprintf(name, sizeof name, "%zu", k);
    TRY(dset = H5Dcreate2(list, name, H5T_NATIVE_FLOAT, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    TRY(H5Dwrite(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer));
    TRY(write_scalar_attr(dset, "exposure", H5T_NATIVE_DOUBLE, scalar, &exposure));
    TRY(H5Dclose(dset));
    dset = -1;
  }
  TRY(H5Gclose(list));
  list = -1;
  TRY(H5Sclose(space));
  space = -1;
  TRY(H5Sclose(scalar));
  scalar = -1;
  TRY(H5Fclose(file));
  free(buffer);
  return 0;
fail:
  CLOSE(H5Dclose, dset);
  CLOSE(H5Gclose, list);
  CLOSE(H5Sclose, space);
  CLOSE(H5Sclose, scalar);
  CLOSE(H5Fclose, file);
  free(buffer);
  return -1;
}

int rawc_scan_load(const char* path, int read_values, double* checksum) {
  hid_t file = -1, list = -1, dset = -1, space = -1;
  float* images[BENCH_SCAN_IMAGES] = {NULL};
  size_t loaded = 0;
  double temperature = 0, total = 0;
  int64_t frames = 0;
  H5G_info_t info;
  char name[32];
  int status = -1;
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(read_scalar_attr(file, "temperature", H5T_NATIVE_DOUBLE, &temperature));
  TRY(read_scalar_attr(file, "frames", H5T_NATIVE_INT64, &frames));
  total = temperature + (double)frames;
  TRY(list = H5Gopen2(file, BENCH_SCAN_LIST_NAME, H5P_DEFAULT));
  TRY(H5Gget_info(list, &info));
  if (info.nlinks > BENCH_SCAN_IMAGES) {
    fprintf(stderr, "rawc: %s holds %llu images\n", path, (unsigned long long)info.nlinks);
    goto fail;
  }
  for (size_t k = 0; k < info.nlinks; ++k) {
    hsize_t dims[2] = {0, 0};
    double exposure = 0;
    snprintf(name, sizeof name, "%zu", k);
    TRY(dset = H5Dopen2(list, name, H5P_DEFAULT));
    TRY(space = H5Dget_space(dset));
    if (H5Sget_simple_extent_ndims(space) != 2) {
      fprintf(stderr, "rawc: image %zu is not 2-D\n", k);
      goto fail;
    }
    TRY(H5Sget_simple_extent_dims(space, dims, NULL));
    TRY(read_scalar_attr(dset, "exposure", H5T_NATIVE_DOUBLE, &exposure));
    total += exposure + (double)(dims[0] * dims[1]);
    if (read_values) {
      const size_t n = (size_t)(dims[0] * dims[1]);
      if ((images[loaded] = malloc(n * sizeof(float))) == NULL) goto fail;
      ++loaded;
      TRY(H5Dread(dset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, images[loaded - 1]));
      total += images[loaded - 1][n - 1];
    }
    TRY(H5Sclose(space));
    space = -1;
    TRY(H5Dclose(dset));
    dset = -1;
  }
  TRY(H5Gclose(list));
  list = -1;
  TRY(H5Fclose(file));
  file = -1;
  *checksum = total;
  status = 0;
fail:
  CLOSE(H5Sclose, space);
  CLOSE(H5Dclose, dset);
  CLOSE(H5Gclose, list);
  CLOSE(H5Fclose, file);
  for (size_t k = 0; k < loaded; ++k) free(images[k]);
  return status;
}

/* ---- 9, 10: the lazy layer's workloads, block by block. ---- */

#define LAZY_BLOCK_ELEMENTS ((size_t)BENCH_LAZY_BLOCK_ROWS * BENCH_LAZY_COLUMNS)

/* The dataset "data" (or "sin") of the lazy workloads: its shape, chunked 64 x 2048. */
static hid_t lazy_create_dataset(hid_t file, const char* name) {
  const hsize_t dims[2] = {BENCH_LAZY_ROWS, BENCH_LAZY_COLUMNS};
  const hsize_t chunk[2] = {BENCH_LAZY_CHUNK_ROWS, BENCH_LAZY_CHUNK_COLUMNS};
  hid_t space = -1, dcpl = -1, dset = -1;
  TRY(space = H5Screate_simple(2, dims, NULL));
  TRY(dcpl = H5Pcreate(H5P_DATASET_CREATE));
  TRY(H5Pset_chunk(dcpl, 2, chunk));
  TRY(dset = H5Dcreate2(file, name, H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT));
fail:
  CLOSE(H5Pclose, dcpl);
  CLOSE(H5Sclose, space);
  return dset;
}

/* Selects rows [row, row + BENCH_LAZY_BLOCK_ROWS) of `file_space`. */
static herr_t lazy_select_rows(hid_t file_space, size_t row) {
  const hsize_t start[2] = {row, 0}, count[2] = {BENCH_LAZY_BLOCK_ROWS, BENCH_LAZY_COLUMNS};
  return H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL);
}

int rawc_lazy_make_input(const char* path) {
  const hsize_t block_dims[2] = {BENCH_LAZY_BLOCK_ROWS, BENCH_LAZY_COLUMNS};
  hid_t file = -1, dset = -1, file_space = -1, mem_space = -1;
  int status = -1;
  double* block = malloc(LAZY_BLOCK_ELEMENTS * sizeof(double));
  if (block == NULL) return -1;
  TRY(file = create_file(path));
  TRY(dset = lazy_create_dataset(file, BENCH_DATASET_NAME));
  TRY(file_space = H5Dget_space(dset));
  TRY(mem_space = H5Screate_simple(2, block_dims, NULL));
  for (size_t row = 0; row < BENCH_LAZY_ROWS; row += BENCH_LAZY_BLOCK_ROWS) {
    const uint64_t first = (uint64_t)row * BENCH_LAZY_COLUMNS;
    for (size_t i = 0; i < LAZY_BLOCK_ELEMENTS; ++i) block[i] = bench_lazy_value(first + i);
    TRY(lazy_select_rows(file_space, row));
    TRY(H5Dwrite(dset, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, block));
  }
  TRY(H5Dclose(dset));
  dset = -1;
  TRY(H5Fclose(file));
  file = -1;
  status = 0;
fail:
  CLOSE(H5Sclose, mem_space);
  CLOSE(H5Sclose, file_space);
  CLOSE(H5Dclose, dset);
  CLOSE(H5Fclose, file);
  free(block);
  return status;
}

int rawc_lazy_reduce(const char* path, int moments, double* sum, double* mean, double* std_dev) {
  const hsize_t block_dims[2] = {BENCH_LAZY_BLOCK_ROWS, BENCH_LAZY_COLUMNS};
  hid_t file = -1, dset = -1, file_space = -1, mem_space = -1;
  int status = -1;
  double total = 0.0, count = 0.0, running_mean = 0.0, m2 = 0.0;
  double* block = malloc(LAZY_BLOCK_ELEMENTS * sizeof(double));
  if (block == NULL) return -1;
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(dset = H5Dopen2(file, BENCH_DATASET_NAME, H5P_DEFAULT));
  TRY(file_space = H5Dget_space(dset));
  TRY(mem_space = H5Screate_simple(2, block_dims, NULL));
  for (size_t row = 0; row < BENCH_LAZY_ROWS; row += BENCH_LAZY_BLOCK_ROWS) {
    TRY(lazy_select_rows(file_space, row));
    TRY(H5Dread(dset, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, block));
    double block_sum = 0.0;
    for (size_t i = 0; i < LAZY_BLOCK_ELEMENTS; ++i) block_sum += block[i];
    total += block_sum;
    if (!moments) continue;
    /* The block's own mean and squared deviations (two passes over memory), merged into the running
     * ones: as exact as a two-pass std over the file, reading it once. */
    const double n = (double)LAZY_BLOCK_ELEMENTS, block_mean = block_sum / n;
    double block_m2 = 0.0;
    for (size_t i = 0; i < LAZY_BLOCK_ELEMENTS; ++i) {
      const double d = block[i] - block_mean;
      block_m2 += d * d;
    }
    const double delta = block_mean - running_mean, merged = count + n;
    running_mean += delta * n / merged;
    m2 += block_m2 + delta * delta * count * n / merged;
    count = merged;
  }
  TRY(H5Dclose(dset));
  dset = -1;
  TRY(H5Fclose(file));
  file = -1;
  *sum = total;
  if (moments) {
    *mean = running_mean;
    *std_dev = sqrt(m2 / count);
  }
  status = 0;
fail:
  CLOSE(H5Sclose, mem_space);
  CLOSE(H5Sclose, file_space);
  CLOSE(H5Dclose, dset);
  CLOSE(H5Fclose, file);
  free(block);
  return status;
}

int rawc_lazy_sin(const char* in_path, const char* out_path) {
  const hsize_t block_dims[2] = {BENCH_LAZY_BLOCK_ROWS, BENCH_LAZY_COLUMNS};
  hid_t in = -1, out = -1, in_dset = -1, out_dset = -1, file_space = -1, mem_space = -1;
  int status = -1;
  double* block = malloc(LAZY_BLOCK_ELEMENTS * sizeof(double));
  if (block == NULL) return -1;
  TRY(in = open_file(in_path, H5F_ACC_RDONLY));
  TRY(in_dset = H5Dopen2(in, BENCH_DATASET_NAME, H5P_DEFAULT));
  TRY(out = create_file(out_path));
  TRY(out_dset = lazy_create_dataset(out, BENCH_LAZY_OUTPUT_NAME));
  TRY(file_space = H5Dget_space(in_dset)); /* the same shape in both files */
  TRY(mem_space = H5Screate_simple(2, block_dims, NULL));
  for (size_t row = 0; row < BENCH_LAZY_ROWS; row += BENCH_LAZY_BLOCK_ROWS) {
    TRY(lazy_select_rows(file_space, row));
    TRY(H5Dread(in_dset, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, block));
    for (size_t i = 0; i < LAZY_BLOCK_ELEMENTS; ++i) block[i] = sin(block[i]); /* in place: one buffer */
    TRY(H5Dwrite(out_dset, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, block));
  }
  TRY(H5Dclose(out_dset));
  out_dset = -1;
  TRY(H5Fclose(out));
  out = -1;
  status = 0;
fail:
  CLOSE(H5Sclose, mem_space);
  CLOSE(H5Sclose, file_space);
  CLOSE(H5Dclose, out_dset);
  CLOSE(H5Dclose, in_dset);
  CLOSE(H5Fclose, out);
  CLOSE(H5Fclose, in);
  free(block);
  return status;
}

int rawc_lazy_check_sin(const char* path) {
  const hsize_t row_dims[1] = {BENCH_LAZY_COLUMNS};
  const size_t rows[2] = {0, BENCH_LAZY_ROWS - 1};
  hid_t file = -1, dset = -1, file_space = -1, mem_space = -1;
  int status = -1;
  double* row_values = malloc(BENCH_LAZY_COLUMNS * sizeof(double));
  if (row_values == NULL) return -1;
  TRY(file = open_file(path, H5F_ACC_RDONLY));
  TRY(dset = H5Dopen2(file, BENCH_LAZY_OUTPUT_NAME, H5P_DEFAULT));
  TRY(file_space = H5Dget_space(dset));
  TRY(mem_space = H5Screate_simple(1, row_dims, NULL));
  for (int k = 0; k < 2; ++k) {
    const hsize_t start[2] = {rows[k], 0}, count[2] = {1, BENCH_LAZY_COLUMNS};
    TRY(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL));
    TRY(H5Dread(dset, H5T_NATIVE_DOUBLE, mem_space, file_space, H5P_DEFAULT, row_values));
    for (size_t c = 0; c < BENCH_LAZY_COLUMNS; ++c) {
      const double expected = sin(bench_lazy_value((uint64_t)rows[k] * BENCH_LAZY_COLUMNS + c));
      if (fabs(row_values[c] - expected) > 1e-12) goto fail;
    }
  }
  status = 0;
fail:
  CLOSE(H5Sclose, mem_space);
  CLOSE(H5Sclose, file_space);
  CLOSE(H5Dclose, dset);
  CLOSE(H5Fclose, file);
  free(row_values);
  return status;
}
