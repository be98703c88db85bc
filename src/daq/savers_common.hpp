#pragma once
// Shared by the savers and the loader (src/daq/savers_*.cpp, loader.cpp).
#include <string>

#include "h5kit/daq/array.hpp"
#include "h5kit/daq/enums.hpp"
#include "h5kit/daq/node.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq::detail {

// The whole array in its stored element type.
Array read_array(const CArray& node);
// An h5kit::Error of `kind` naming the node's file and path.
[[noreturn]] void node_error(ErrorKind kind, const char* operation, const Node& node, const std::string& detail);

// An enum attribute (parse<E> of its str value), errors naming file, node and attribute.
template <class E>
E parse_attr(const Node& node, const char* attr);

}  // namespace h5kit::daq::detail
