"""h5py peer for tests/interop/h5py_lazy_arrays_test.cpp: h5py writes arrays, h5kit reduces, transforms,
sorts, inserts, deletes and widens strings on disk, then h5py checks every result against numpy run on
the same data (regenerated here from the same seed)."""
import h5py
import numpy as np

from interop_common import Checker, run

NAMES = [b"alice", b"bob", b"carol", b"bob", b"dan"]
LONG_NAME = "a considerably longer name"
COUNTS = np.arange(-20, 20, dtype=np.int16).reshape(8, 5) * 7


def inputs():
    rng = np.random.default_rng(20261121)
    x = rng.standard_normal((6, 8))
    n = rng.integers(-50, 50, size=(5, 7), dtype=np.int64)
    mask = rng.random((6, 8)) > 0.4
    s1 = rng.standard_normal(11)
    s1[3] = np.nan
    return x, n, mask, s1


def write_arrays(path):
    x, n, mask, s1 = inputs()
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=x, chunks=(2, 4))
        f.create_dataset("y", data=x, chunks=(3, 3))
        f.create_dataset("n", data=n, chunks=(2, 7))
        f.create_dataset("mask", data=mask, chunks=(3, 8))
        f.create_dataset("s1", data=s1, chunks=(4,))
        f.create_dataset("l", data=np.arange(10, dtype=np.int64), chunks=(4,), maxshape=(None,))
        names = f.create_dataset("names", data=np.array(NAMES, dtype="S5"), chunks=(2,))
        names.attrs["origin"] = "h5py"
        names.attrs["scale"] = np.array([1.5, 2.5])
        counts = f.create_dataset("counts", data=COUNTS, chunks=(2, 3), compression="gzip", maxshape=(None, 5))
        counts.attrs["units"] = "photons"
        counts.attrs["gain"] = np.float32(1.5)
    print(f"wrote {path}")


def close(c, label, got, expected):
    got, expected = np.asarray(got), np.asarray(expected)
    c.true(got.shape == expected.shape and np.allclose(got, expected, rtol=1e-12, atol=1e-12, equal_nan=True),
           f"{label}: got {got!r}, expected {expected!r}")


def check_results(path):
    x, n, mask, s1 = inputs()
    c = Checker(path)
    with h5py.File(path, "r") as f:
        r = f["results"]
        close(c, "sum(x)", r["sum_x"][()], x.sum())
        close(c, "sum(x, axis=0)", r["sum_x_axis0"][()], x.sum(axis=0))
        close(c, "mean(x, axis=1)", r["mean_x_axis1"][()], x.mean(axis=1))
        close(c, "std(x, axis=0)", r["std_x_axis0"][()], x.std(axis=0))
        close(c, "sum(x, axis=0, where=mask)", r["sum_x_where"][()], x.sum(axis=0, where=mask))
        close(c, "mean(x, where=mask)", r["mean_x_where"][()], x.mean(where=mask))
        c.array("min(n, axis=1)", r["min_n_axis1"][()], n.min(axis=1))
        c.array("sum(n, axis=0)", r["sum_n_axis0"][()], n.sum(axis=0))
        c.array("argmax(x, axis=1)", r["argmax_x_axis1"][()].astype(np.int64), x.argmax(axis=1))
        c.array("argmax(n, axis=0)", r["argmax_n_axis0"][()].astype(np.int64), n.argmax(axis=0))

        close(c, "exp(x)", r["exp_x"][()], np.exp(x))
        c.dtype("exp(x) dtype", r["exp_x"].dtype, "<f8")
        c.array("n + 3", r["n_plus_3"][()], n + 3)
        c.array("x > 0.5", r["x_gt"][()], x > 0.5)
        c.array("logical_and(mask, x > 0)", r["mask_and_pos"][()], np.logical_and(mask, x > 0))
        close(c, "y *= 2; y -= x[:1] (in place, broadcast)", f["y"][()], x * 2 - x[:1, :])
        close(c, "x[:, :1] + x[:1, :] (broadcast)", r["col_plus_row"][()], x[:, :1] + x[:1, :])
        close(c, "n * x[2:3, :7] (broadcast)", r["n_times_row"][()], n * x[2:3, :7])
        c.dtype("n * x[2:3, :7] dtype", r["n_times_row"].dtype, "<f8")
        close(c, "sqrt(|x|)", r["sqrt_abs_x"][()], np.sqrt(np.abs(x)))

        close(c, "sort(s1) in place", f["s1"][()], np.sort(s1))
        close(c, "sort(s1) into new", r["s1_sorted"][()], np.sort(s1))
        close(c, "sort(x, axis=0)", r["x_sorted_axis0"][()], np.sort(x, axis=0))
        close(c, "sort(x)", r["x_sorted"][()], np.sort(x))
        c.array("sort(n, axis=0)", r["n_sorted_axis0"][()], np.sort(n, axis=0))
        close(c, "sort(x, axis=None)", r["x_sorted_flat"][()], np.sort(x, axis=None))
        c.array("unique(n)", r["n_unique"][()], np.unique(n))
        c.array("isin(n, [-3, 0, 7, 12])", r["n_isin"][()], np.isin(n, [-3, 0, 7, 12]))
        expected_l = np.delete(np.insert(np.arange(10, dtype=np.int64), 2, 99), 0)
        expected_l = np.insert(expected_l, len(expected_l), [7, 8])
        c.array("insert/delete on l", f["l"][()], expected_l)

        names = f["names"]
        expected = np.array(NAMES, dtype=f"S{len(LONG_NAME)}")
        expected[1] = LONG_NAME.encode()
        c.fixed_ascii("widened names dtype", names.dtype, len(LONG_NAME))
        c.array("widened names", names[()], expected)
        c.equal("names chunks", names.chunks, (2,))
        c.equal("names attr origin", names.attrs["origin"], "h5py")
        c.array("names attr scale", names.attrs["scale"], np.array([1.5, 2.5]))
        c.true("names.h5kit-retype" not in f, "no staged dataset left behind")
        c.array("names == b'bob' after widening", r["is_bob"][()], expected == b"bob")
        close(c, "describe(x, axis=1, ddof=1).var", r["describe_x_axis1_var"][()], x.var(axis=1, ddof=1))
        c.array("describe(x, axis=1).min", r["describe_x_axis1_min"][()], x.min(axis=1))
        close(c, "describe(x, axis=1).sum", r["describe_x_axis1_sum"][()], x.sum(axis=1))
        close(c, "describe(n)", r["describe_n"][()],
              [n.size, n.sum(), n.mean(), n.std(), n.min(), n.max()])

        counts = f["counts"]
        c.dtype("astype in place: dtype", counts.dtype, "<f4")
        close(c, "astype in place, then /= 2", counts[()], COUNTS.astype(np.float32) / 2)
        c.equal("astype in place: chunks", counts.chunks, (2, 3))
        c.equal("astype in place: compression", counts.compression, "gzip")
        c.equal("astype in place: maxshape", counts.maxshape, (None, 5))
        c.equal("astype in place: attribute units", counts.attrs["units"], "photons")
        c.equal("astype in place: attribute gain", float(counts.attrs["gain"]), 1.5)
        c.true("counts.h5kit-retype" not in f, "astype in place: no staged dataset left behind")
    c.finish()


run({
    "write-arrays": write_arrays,
    "check-results": check_results,
})
