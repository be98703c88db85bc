#pragma once
// Typed models (h5pydantic in C++): declare a struct once, dump it to a self-describing HDF5 file,
// load it back validated. docs/models.md is the guide.
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include "h5kit/chrono.hpp"
#include "h5kit/compound.hpp"
#include "h5kit/model/dataset_of.hpp"
#include "h5kit/model/file_schema.hpp"
#include "h5kit/model/for_each_ref.hpp"
#include "h5kit/model/io.hpp"
#include "h5kit/model/migrations.hpp"
#include "h5kit/model/problems.hpp"
#include "h5kit/model/ref.hpp"
#include "h5kit/model/schema.hpp"
#include "h5kit/model/spec.hpp"
