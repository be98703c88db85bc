#pragma once
// The DAQ layer (docs/daq.md): pymodaq_data's HDF5 layout on h5kit's core.
#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/daq/backend.hpp"
#include "h5kit/daq/element_type.hpp"
#include "h5kit/daq/enums.hpp"
#include "h5kit/daq/node.hpp"
#include "h5kit/daq/pickle.hpp"
#include "h5kit/daq/py_value.hpp"
