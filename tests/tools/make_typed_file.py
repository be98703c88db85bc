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
        # Region references: a hyperslab (strided, so HDF5 splits it into blocks), a point selection,
        # the whole dataset, and the null reference.
        grid = f.create_dataset("grid", data=np.arange(20, dtype="<i4").reshape(4, 5))
        regions = f.create_dataset("region_refs", (5,), dtype=h5py.regionref_dtype)
        regions[0] = data.regionref[0:2]
        regions[1] = grid.regionref[1:3, 0:5:2]
        corners = np.zeros((4, 5), dtype=bool)
        corners[0, 1] = corners[3, 4] = True
        regions[2] = grid.regionref[corners]
        regions[3] = grid.regionref[...]
        grid.attrs["region"] = grid.regionref[0:1, 2:4]  # a reference to its own dataset
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

        # Nested compound: a compound member, array members, byte and UTF-8 strings, an enum, an opaque.
        inner = np.dtype([("x", "<f8"), ("tags", "<i2", (2,))])
        outer = np.dtype([("inner", inner), ("vec", "<f4", (3,)), ("code", "S4"),
                          ("text", h5py.string_dtype()), ("color", color), ("raw", "V2")])
        nested = np.zeros(2, dtype=outer)
        nested[0] = ((0.5, (1, -1)), (1, 2, 3), b"ab", "one", 2, b"\x01\x02")
        nested[1] = ((-1.0, (7, 8)), (0.25, 0, -4), b"wxyz", "\u00e9", 9, b"\xff\x00")
        f.create_dataset("nested_compound", data=nested)

        # Array-typed attributes: a float32[3] scalar and a (2,) of int8[2][2].
        vec3 = h5py.h5t.array_create(h5py.h5t.IEEE_F32LE, (3,))
        attr = h5py.h5a.create(data.id, b"vec3", vec3, h5py.h5s.create(h5py.h5s.SCALAR))
        attr.write(np.array([1.0, 2.5, -3.0], dtype="<f4"), mtype=vec3)
        mat = h5py.h5t.array_create(h5py.h5t.STD_I8LE, (2, 2))
        attr = h5py.h5a.create(data.id, b"mats", mat, h5py.h5s.create_simple((2,)))
        attr.write(np.array([[[1, 2], [3, 4]], [[-1, -2], [-3, -4]]], dtype="i1"), mtype=mat)
        data.attrs.create("color", 1, dtype=color)
        data.attrs.create("ragged", np.array([np.array([1, 2], "<i4"), np.array([], "<i4")], dtype=object),
                          dtype=h5py.vlen_dtype(np.dtype("<i4")))

        # An opaque type with h5py's tag, next to the untagged "opaque" above.
        tagged = np.array([b"\x00" * 7 + b"\x01", b"ABCDEFGH"], dtype="V8")
        f.create_dataset("opaque_tagged", data=tagged.astype(h5py.opaque_dtype(tagged.dtype)))

        # Byte order, half floats and the values JSON has no number for.
        f.create_dataset("big_i4", data=np.array([-2, 70000], dtype=">i4"))
        f.create_dataset("big_f8", data=np.array([1.5, -2.25e10], dtype=">f8"))
        f.create_dataset("big_f2", data=np.array([0.5, -65504], dtype=">f2"))
        special = [np.nan, np.inf, -np.inf, -0.0, 1.0]
        f.create_dataset("special_f8", data=np.array(special, dtype="<f8"))
        f.create_dataset("special_f4", data=np.array(special, dtype="<f4"))
        f.create_dataset("special_f2", data=np.array(special, dtype="<f2"))

        # Strings: fixed UTF-8, fixed bytes that are not UTF-8, variable bytes that are not UTF-8.
        utf8 = f.create_dataset("fixed_utf8", shape=(2,), dtype=h5py.string_dtype("utf-8", 8))
        # HDF5 will not convert ASCII to UTF-8, so the bytes go in under the file's own type.
        utf8.id.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array(["\u00e9t\u00e9".encode(), b"ok"], dtype="S8"),
                      mtype=utf8.id.get_type())
        f.create_dataset("latin1_bytes", data=np.array([b"caf\xe9", b"plain"], dtype="S5"))
        f.create_dataset("vlen_bytes", data=np.array([b"\xfe\xff", b"fine"], dtype=object),
                         dtype=h5py.string_dtype("ascii"))

        # Empty data: a null dataspace, a zero-length axis, an empty compound table.
        f.create_dataset("empty_null", data=h5py.Empty("<f8"))
        f.create_dataset("empty_zero", shape=(0,), dtype="<f4")
        f.create_dataset("empty_table", shape=(0,), dtype=point)

        # A named (committed) type and a dataset with a big-endian file type.
        f["named_type"] = np.dtype("<f8")
        f.create_dataset("big_endian", data=np.array([1, 256], dtype=">u2"))


if __name__ == "__main__":
    main(sys.argv[1])
