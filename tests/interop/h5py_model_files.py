"""h5py peer for tests/interop/h5py_model_files_test.cpp: files checked against a model schema.

write-good / write-bad: h5py writes a file for samples::rich() (tests/model/schema_samples.hpp) in
numpy's own types, for h5kit's validate_file. check-embedded: h5kit wrote a file with its schema in
the root attribute h5kit_schema; h5py reads it as JSON Schema."""
import json

import h5py
import numpy as np

from interop_common import RGB, Checker, run

RGB_T = h5py.enum_dtype(RGB, basetype="i1")


def write_common(f):
    # numpy's types where h5kit would pick others: float32 for float64, int64 for int16, fixed ASCII
    f.attrs["title"] = np.bytes_(b"Alpha")
    f.attrs["energy"] = np.float32(1.5)
    f.attrs.create("colour", RGB["RED"], dtype=RGB_T)
    f.attrs.create("shade", RGB["GREEN"], dtype=RGB_T)
    f.attrs["offsets"] = np.arange(6, dtype=np.int64).reshape(2, 3)
    f.attrs["weights"] = np.array([[0.5], [0.25]])
    f.attrs["flag"] = np.bool_(True)
    position = f.create_dataset("calibration/position", data=[1.0, 2.0, 3.0])
    position.attrs["units"] = "m"
    f.create_dataset("calibration/baseline", data=np.full((3, 5), 7, dtype=np.int32)).attrs["gain"] = 4.5
    reading = f.create_group("readings/0")
    reading.attrs["when"] = np.int64(12)
    reading.create_dataset("trace", data=np.array([1.5, -2.5], dtype=np.float32)).attrs["units"] = "uV"
    member = f.create_group("by_name/first")
    member.attrs["when"] = np.uint8(3)
    member.create_dataset("trace", data=np.zeros(4, dtype=np.float32), compression="gzip")
    f.create_dataset("image", data=np.zeros((2, 4, 3), dtype=np.float32))


def write_good(path):
    with h5py.File(path, "w") as f:
        write_common(f)
    print(f"wrote {path}")


def write_bad(path):
    with h5py.File(path, "w") as f:
        write_common(f)
        f.attrs["energy"] = -3.4
        f.attrs["title"] = "lower"
        f.attrs.create("colour", RGB["GREEN"], dtype=RGB_T)
        f.attrs["offsets"] = np.zeros(3, dtype=np.int16)
        f.attrs["flag"] = np.int8(1)
        f.attrs["comment"] = "not in the schema"
        del f["calibration/position"]
        f.create_dataset("calibration/position", data=[1.0, 2.0, 3.0, 4.0])
        f["calibration/baseline"].attrs["units"] = "s"
        f["readings/0/trace"][1] = 2.0e6  # uV: 2000 mV, over the schema's 1000 mV
        f.copy("readings/0", "readings/2")
        del f["image"]
        f.create_dataset("image", data=np.zeros((2, 2)))
        del f["by_name/first"].attrs["when"]
    print(f"wrote {path}")


def check_embedded(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("h5kit_model", f.attrs["h5kit_model"], "Experiment")
        c.equal("h5kit_model_version", int(f.attrs["h5kit_model_version"]), 2)
        c.dtype("h5kit_model_version dtype", f.attrs["h5kit_model_version"].dtype, np.int32)
        schema = json.loads(f.attrs["h5kit_schema"])
        c.equal("$schema", schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        c.equal("title", schema["title"], "Experiment")
        c.equal("x-h5kit version", schema["x-h5kit"]["version"], 2)
        props = schema["properties"]
        c.equal("property order", list(props),
                ["title", "energy", "mode", "colour", "shade", "offsets", "weights", "flag", "calibration",
                 "readings", "by_name", "image"])
        c.equal("required", schema["required"],
                ["title", "energy", "colour", "shade", "offsets", "weights", "flag", "calibration", "readings",
                 "image"])
        c.equal("energy minimum", props["energy"]["minimum"], 0.0)
        c.equal("energy unit", props["energy"]["x-h5kit"]["unit"], "J")
        c.equal("offsets shape", props["offsets"]["x-h5kit"]["shape"], [2, None])
        c.equal("shade enum", props["shade"]["enum"], ["RED", "GREEN", "BLUE"])
        position = props["calibration"]["allOf"][0]["properties"]["position"]
        c.equal("position dtype", position["allOf"][0]["x-h5kit"]["dtype"], "float64")
        c.equal("position units attribute", f["calibration/position"].attrs["units"], "mm")
        c.equal("readings element", props["readings"]["items"]["title"], "Reading")
    c.finish()


run({"write-good": write_good, "write-bad": write_bad, "check-embedded": check_embedded})
