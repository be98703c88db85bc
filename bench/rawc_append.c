/* daq_append, raw C side (bench/rawc_append.h). Plain C11 on HDF5 and its high-level library. */
#include "rawc_append.h"

#include <hdf5.h>
#include <hdf5_hl.h>
#include <stdlib.h>

/* A new file (latest format, as h5kit's) with an empty (0, row_elements) float64 dataset "data",
   unlimited along axis 0, chunked chunk_rows rows at a time, with the fill value (0) and fill time
   (at allocation) of h5kit's pymodaq EArray, which are PyTables'. Closes the file on failure. */
static hid_t create_growing(const char* path, size_t row_elements, size_t chunk_rows, hid_t* file) {
  hsize_t dims[2] = {0, row_elements}, max[2] = {H5S_UNLIMITED, row_elements}, chunk[2] = {chunk_rows, row_elements};
  hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
  *file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  H5Pclose(fapl);
  if (*file < 0) return -1;
  hid_t space = H5Screate_simple(2, dims, max);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(dcpl, 2, chunk);
  const double zero = 0;
  H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &zero);
  H5Pset_fill_time(dcpl, H5D_FILL_TIME_ALLOC);
  hid_t ds = H5Dcreate2(*file, "data", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  H5Pclose(dcpl);
  H5Sclose(space);
  if (ds < 0) H5Fclose(*file);
  return ds;
}

int bench_append_h5doappend(const char* path, size_t rows, size_t row_elements, size_t chunk_rows) {
  hid_t file;
  hid_t ds = create_growing(path, row_elements, chunk_rows, &file);
  if (ds < 0) return -1;
  double* row = malloc(row_elements * sizeof *row);
  int status = row ? 0 : -1;
  for (size_t i = 0; i < rows && status == 0; ++i) {
    for (size_t j = 0; j < row_elements; ++j) row[j] = bench_append_value(i, j, row_elements);
    if (H5DOappend(ds, H5P_DEFAULT, 0, 1, H5T_NATIVE_DOUBLE, row) < 0) status = -1;
  }
  free(row);
  if (H5Dclose(ds) < 0) status = -1;
  if (H5Fclose(file) < 0) status = -1;
  return status;
}

/* Whole chunks; with swmr, in SWMR writing mode and each chunk flushed (H5Dflush) as written. */
static int append_whole_chunks(const char* path, size_t rows, size_t row_elements, size_t chunk_rows, int swmr) {
  hid_t file;
  hid_t ds = create_growing(path, row_elements, chunk_rows, &file);
  if (ds < 0) return -1;
  if (swmr && H5Fstart_swmr_write(file) < 0) {
    H5Dclose(ds);
    H5Fclose(file);
    return -1;
  }
  double* chunk = malloc(chunk_rows * row_elements * sizeof *chunk);
  int status = chunk ? 0 : -1;
  size_t filled = 0, written = 0;
  for (size_t i = 0; i < rows && status == 0; ++i) {
    for (size_t j = 0; j < row_elements; ++j) chunk[filled * row_elements + j] = bench_append_value(i, j, row_elements);
    if (++filled == chunk_rows || i + 1 == rows) {
      hsize_t extent[2] = {written + filled, row_elements}, start[2] = {written, 0}, count[2] = {filled, row_elements};
      hid_t file_space = -1, memory = -1;
      if (H5Dset_extent(ds, extent) < 0 || (file_space = H5Dget_space(ds)) < 0 ||
          H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
          (memory = H5Screate_simple(2, count, NULL)) < 0 ||
          H5Dwrite(ds, H5T_NATIVE_DOUBLE, memory, file_space, H5P_DEFAULT, chunk) < 0 ||
          (swmr && H5Dflush(ds) < 0))
        status = -1;
      if (memory >= 0) H5Sclose(memory);
      if (file_space >= 0) H5Sclose(file_space);
      written += filled;
      filled = 0;
    }
  }
  free(chunk);
  if (H5Dclose(ds) < 0) status = -1;
  if (H5Fclose(file) < 0) status = -1;
  return status;
}

int bench_append_whole_chunks(const char* path, size_t rows, size_t row_elements, size_t chunk_rows) {
  return append_whole_chunks(path, rows, row_elements, chunk_rows, 0);
}

int bench_append_whole_chunks_swmr(const char* path, size_t rows, size_t row_elements, size_t chunk_rows) {
  return append_whole_chunks(path, rows, row_elements, chunk_rows, 1);
}
