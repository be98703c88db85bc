#pragma once
// Named (committed) datatypes: a Datatype stored in the file under a name, shared by the datasets
// and attributes created with it (h5py's `f["t"] = np.dtype(...)` and h5py.Datatype). The Group
// members that commit, open and list them are declared in group.hpp; this header adds the bridges
// between a committed Datatype and the Object it also is (for path(), attrs() and reference()).
#include "h5kit/datatype.hpp"
#include "h5kit/object.hpp"

namespace h5kit {

// The committed type as an Object (kind() == ObjectKind::datatype). InvalidArgumentError when the
// type is transient (not committed): only committed types have a path, attributes or a reference.
Object as_object(const Datatype& committed);

// The Datatype of an Object that is a named type (from Group::open or Group::dereference).
// TypeMismatchError for a group or dataset.
Datatype as_datatype(const Object& object);

}  // namespace h5kit
