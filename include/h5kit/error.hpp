#pragma once
// One exception hierarchy for everything h5kit reports. Every message names the file, the object
// path, the operation and, when HDF5 itself failed, a summary of HDF5's error stack.
#include <stdexcept>
#include <string>

namespace h5kit {

enum class ErrorKind {
  not_found,         // a path, attribute or link that does not exist
  already_exists,    // creating a name that is taken, or "w-" on an existing file
  type_mismatch,     // the stored type cannot become the requested one (or is not a group/dataset as expected)
  shape_mismatch,    // a buffer or container whose shape does not fit the data
  file,              // opening, creating, reading or writing the file itself failed
  invalid_argument,  // a bad mode, option or value given by the caller
  closed,            // an object used after close()
  validation,        // a model that breaks its declaration: ValidationError lists every problem
  out_of_memory,     // a read whose value does not fit memory or the read budget (h5kit/read_budget.hpp)
};

const char* to_string(ErrorKind kind) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string operation, std::string file, std::string object, std::string detail,
        std::string hdf5_stack = {});

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& operation() const noexcept { return operation_; }
  const std::string& file() const noexcept { return file_; }
  const std::string& object() const noexcept { return object_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hdf5_stack() const noexcept { return hdf5_stack_; }

 private:
  ErrorKind kind_;
  std::string operation_, file_, object_, detail_, hdf5_stack_;
};

// One class per kind, so callers can catch exactly what they can handle.
#define H5KIT_ERROR_CLASS(Name, Base)   \
  class Name : public Base {            \
   public:                              \
    using Base::Base;                   \
  };
H5KIT_ERROR_CLASS(NotFoundError, Error)
H5KIT_ERROR_CLASS(AlreadyExistsError, Error)
H5KIT_ERROR_CLASS(TypeMismatchError, Error)
H5KIT_ERROR_CLASS(ShapeMismatchError, Error)
H5KIT_ERROR_CLASS(FileError, Error)
H5KIT_ERROR_CLASS(InvalidArgumentError, Error)
H5KIT_ERROR_CLASS(ClosedObjectError, InvalidArgumentError)
H5KIT_ERROR_CLASS(OutOfMemoryError, Error)
#undef H5KIT_ERROR_CLASS

// Throws the class that matches `kind`.
[[noreturn]] void throw_error(ErrorKind kind, std::string operation, std::string file, std::string object,
                              std::string detail, std::string hdf5_stack = {});

}  // namespace h5kit
