"""Writes, with h5py, a file holding the types that are awkward to make from C++ (compound, enum,
vlen sequences, array, opaque and bitfield types, references, numpy strings, empty attributes),
for dump_test.cpp and tree_test.cpp.

Usage: /usr/bin/python3 make_typed_file.py OUT.h5
The expected JSON of each dataset is asserted in dump_test.cpp; keep them in step.
"""
import sys

import h5py
import numpy as np


def main(path):
    with h5py.File(path, "w") as f:
        grp = f.create_group("grp")
        data = f.create_dataset("data", data=np.arange(3, dtype="<i4"))

        # Compound with a nested array field and a variable-length string field.
        point = np.dtype([("id", "<i4"), ("pos", "<f4", (2,)), ("name", "S6"),
                          ("label", h5py.string_dtype())])
        records = np.array([(1, (0.5, 1.5), b"ab", "first"), (2, (2.5, -1.0), b"cdefgh", "second")],
                           dtype=point)
        f.create_dataset("compound", data=records)

        # Enum: 7 is not a member and must come out as a number.
        color = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1")
        f.create_dataset("enum", data=np.array([0, 2, 1, 7], dtype="u1"), dtype=color)

        ints = f.create_dataset("vlen_ints", (3,), dtype=h5py.vlen_dtype(np.dtype("<i4")))
        ints[0] = [1, 2, 3]
        ints[1] = []
        ints[2] = [4]

        # An HDF5 array type (each element is float32[2]); h5py's high level would turn it into an axis.
        pair = h5py.h5t.array_create(h5py.h5t.IEEE_F32LE, (2,))
        pairs = h5py.h5d.create(f.id, b"array_type", pair, h5py.h5s.create_simple((2,)))
        pairs.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([[1.5, 2.5], [3.5, 4.5]], dtype="<f4"), mtype=pair)

        f.create_dataset("opaque", data=np.array([b"\x01\x02\x03\x04", b"\xff\x00\x10\x20"], dtype="V4"))

        refs = f.create_dataset("refs", (3,), dtype=h5py.ref_dtype)
        refs[0] = grp.ref
        refs[1] = data.ref  # refs[2] stays the null reference
        grp.attrs["self"] = grp.ref
        grp.attrs["nothing"] = h5py.Empty("<i4")  # a null dataspace; h5kit cannot write one as an attribute

        f.create_dataset("fixed_strings", data=np.array([b"ab", b"hello"], dtype="S5"))
        f.create_dataset("vlen_strings", data=["alpha", "\u00e9t\u00e9"], dtype=h5py.string_dtype())
        f.create_dataset("complex", data=np.array([1 + 2j, 3 - 4j], dtype="<c16"))
        f.create_dataset("complex64", data=np.array(0.5 + 0.25j, dtype="<c8"))
        f.create_dataset("bool", data=np.array([True, False, True]))
        f.create_dataset("matrix", data=np.array([[1, -2, 3], [4, 5, -6]], dtype="<i2"))

        # Edge cases: types with no JSON mapping, odd float widths, nested variable-length data,
        # bytes that are not UTF-8, zero-extent axes, values never written.
        regions = f.create_dataset("region_refs", (2,), dtype=h5py.regionref_dtype)
        regions[0] = data.regionref[0:2]
        f.create_dataset("half", data=np.array([1.5, -0.25], dtype="<f2"))
        f.create_dataset("long_double", data=np.array([1.5, 3.25], dtype=np.longdouble))
        pair_type = np.dtype([("a", "<i2"), ("b", "<f8")])
        seqs = f.create_dataset("vlen_compound", (2,), dtype=h5py.vlen_dtype(pair_type))
        seqs[0] = np.array([(1, 2.0), (3, 4.5)], dtype=pair_type)
        f.create_dataset("not_utf8", data=np.array([b"\xffab"], dtype="S3"))
        f.create_dataset("no_columns", shape=(2, 0), dtype="<i4")
        f.create_dataset("unwritten_strings", shape=(2,), dtype=h5py.string_dtype())
        f.create_dataset("signed_enum", data=np.array([-1, 1], dtype="<i8"),
                         dtype=h5py.enum_dtype({"DOWN": -1, "UP": 1}, basetype="<i8"))
        bits_type = h5py.h5t.STD_B8LE.copy()
        bits = h5py.h5d.create(f.id, b"bitfield", bits_type, h5py.h5s.create_simple((2,)))
        bits.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([3, 255], dtype="u1"), mtype=bits_type)
        f.attrs["ascii_strings"] = np.array([b"x", b"yz"], dtype=h5py.string_dtype("ascii"))

        # A named (committed) type and a dataset with a big-endian file type.
        f["named_type"] = np.dtype("<f8")
        f.create_dataset("big_endian", data=np.array([1, 256], dtype=">u2"))


if __name__ == "__main__":
    main(sys.argv[1])
