#include "h5kit/error.hpp"

namespace h5kit {

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::not_found: return "not found";
    case ErrorKind::already_exists: return "already exists";
    case ErrorKind::type_mismatch: return "type mismatch";
    case ErrorKind::shape_mismatch: return "shape mismatch";
    case ErrorKind::file: return "file error";
    case ErrorKind::invalid_argument: return "invalid argument";
    case ErrorKind::closed: return "closed object";
    case ErrorKind::validation: return "validation failed";
    case ErrorKind::out_of_memory: return "out of memory";
  }
  return "error";
}

namespace {
std::string compose(const std::string& operation, const std::string& file, const std::string& object,
                    const std::string& detail, const std::string& stack) {
  std::string msg = operation;
  if (!detail.empty()) msg += ": " + detail;
  if (!file.empty() || !object.empty()) {
    msg += " (";
    if (!file.empty()) msg += "file \"" + file + "\"";
    if (!file.empty() && !object.empty()) msg += ", ";
    if (!object.empty()) msg += "object \"" + object + "\"";
    msg += ")";
  }
  if (!stack.empty()) msg += " [HDF5: " + stack + "]";
  return msg;
}
}  // namespace

Error::Error(ErrorKind kind, std::string operation, std::string file, std::string object, std::string detail,
             std::string hdf5_stack)
    : std::runtime_error(compose(operation, file, object, detail, hdf5_stack)),
      kind_(kind),
      operation_(std::move(operation)),
      file_(std::move(file)),
      object_(std::move(object)),
      detail_(std::move(detail)),
      hdf5_stack_(std::move(hdf5_stack)) {}

void throw_error(ErrorKind kind, std::string operation, std::string file, std::string object, std::string detail,
                 std::string hdf5_stack) {
  switch (kind) {
    case ErrorKind::not_found: throw NotFoundError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::already_exists: throw AlreadyExistsError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::type_mismatch: throw TypeMismatchError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::shape_mismatch: throw ShapeMismatchError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::file: throw FileError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::invalid_argument:
      throw InvalidArgumentError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::closed: throw ClosedObjectError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::out_of_memory: throw OutOfMemoryError(kind, operation, file, object, detail, hdf5_stack);
    case ErrorKind::validation: break;  // ValidationError carries its problem list: thrown where it is built
  }
  throw Error(kind, operation, file, object, detail, hdf5_stack);
}

}  // namespace h5kit
