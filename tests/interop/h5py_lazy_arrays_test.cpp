// Lazy arrays across the h5kit <-> h5py boundary: h5py writes arrays (float, int, bool mask, 'S5'
// strings), h5kit reduces, transforms, sorts, inserts, deletes and widens them on disk within a tiny
// memory cap, and h5py_lazy_arrays.py check-results compares every result with numpy's.
#include <gtest/gtest.h>

#include <cstdint>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy/describe.hpp"
#include "h5kit/lazy/elementwise.hpp"
#include "h5kit/lazy/reductions.hpp"
#include "h5kit/lazy/routines.hpp"
#include "h5kit/lazy/sort.hpp"
#include "h5kit/lazy/strings.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace h5kit::lazy;
constexpr char kScript[] = "h5py_lazy_arrays.py";

TEST(interop_lazy_arrays, H5kitComputesOnH5pyArraysAndNumpyAgrees) {
  TempDir dir;
  const std::string path = dir / "arrays.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-arrays", {path}));
  {
    File f(path, "r+");
    const Group r = f.create_group("results");
    const H5Array<double> x(f.dataset("x"));
    const H5Array<std::int64_t> n(f.dataset("n"));
    const H5Array<bool> mask(f.dataset("mask"));
    const ScopedMemoryCap cap(5 * sizeof(double));  // every operation runs in many blocks

    r.create_dataset("sum_x", sum(x));
    r.create_dataset("sum_x_axis0", sum(x, 0));
    r.create_dataset("mean_x_axis1", mean(x, 1));
    r.create_dataset("std_x_axis0", std_(x, 0));
    r.create_dataset("sum_x_where", sum(x, 0, {.where = mask}));
    r.create_dataset("mean_x_where", mean(x, {.where = mask}));
    r.create_dataset("min_n_axis1", min(n, 1));
    r.create_dataset("sum_n_axis0", sum(n, 0));
    r.create_dataset("argmax_x_axis1", argmax(x, 1));
    r.create_dataset("argmax_n_axis0", argmax(n, 0));
    const AxisDescription<double> dx = describe(x, 1, {.ddof = 1});
    r.create_dataset("describe_x_axis1_var", dx.var);
    r.create_dataset("describe_x_axis1_min", dx.min);
    r.create_dataset("describe_x_axis1_sum", dx.sum);
    const Description<std::int64_t> dn = describe(n);
    r.create_dataset("describe_n", std::vector<double>{static_cast<double>(dn.count), static_cast<double>(dn.sum),
                                                       dn.mean, dn.std_dev, static_cast<double>(dn.min),
                                                       static_cast<double>(dn.max)});
    // h5py's "counts" int16 dataset, with chunks, gzip and attributes, rewritten as float32 in place.
    const H5Array<float> counts = astype<float>(H5Array<std::int16_t>(f.dataset("counts")), in_place);
    counts /= 2.0f;

    exp(x, Into{r, "exp_x"});
    add(n, std::int64_t{3}, Into{r, "n_plus_3"});
    greater(x, 0.5, Into{r, "x_gt"});
    const H5Array<bool> positive = greater(x, 0.0, Into{r, "x_pos"});
    logical_and(mask, positive, Into{r, "mask_and_pos"});
    const H5Array<double> abs_x = abs(x, Into{r, "abs_x"});
    sqrt(abs_x, Into{r, "sqrt_abs_x"});
    H5Array<double> y(f.dataset("y"));
    y *= 2.0;
    // numpy broadcasting: a column and a row of x; int64 against a row of x; in place, a row into y.
    add(x.view(all, s(0, 1)), x.view(s(0, 1), all), Into{r, "col_plus_row"});
    multiply(n, x.view(s(2, 3), s(0, 7)), Into{r, "n_times_row"});
    y -= x.view(s(0, 1), all);

    H5Array<double> s1(f.dataset("s1"));
    sort(s1, Into{r, "s1_sorted"});
    sort(s1);
    sort(x, 0, Into{r, "x_sorted_axis0"});   // lanes of 6 > the cap of 5: lane by lane, externally
    sort(x, Into{r, "x_sorted"});            // the last axis
    sort(n, 0, Into{r, "n_sorted_axis0"});   // lanes of 5 fit: in slabs
    sort(x, flatten, Into{r, "x_sorted_flat"});
    unique(n, Into{r, "n_unique"});
    isin(n, std::vector<std::int64_t>{-3, 0, 7, 12}, Into{r, "n_isin"});
    H5Array<std::int64_t> l(f.dataset("l"));
    insert(l, 2, std::int64_t{99});
    erase(l, 0);
    insert(l, l.size(), NDArray<std::int64_t>(Shape{2}, {7, 8}));

    H5Array<std::string> names(f.dataset("names"));
    EXPECT_EQ(names.at({0}), "alice");
    EXPECT_EQ(names.dtype().size(), 5u);
    names.set({1}, "a considerably longer name");
    EXPECT_EQ(names.at({3}), "bob");
    equal(names, "bob", Into{r, "is_bob"});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-results", {path}));
}

}  // namespace
}  // namespace h5kit::test
