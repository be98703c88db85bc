#pragma once
// What is wrong with a model or a file: every problem found, not just the first.
#include <string>
#include <vector>

#include "h5kit/error.hpp"

namespace h5kit {

struct Problem {
  std::string path;        // the object in the file: "/beam", "/calibration/no_beam"
  std::string field;       // the member or attribute concerned ("energy"); empty for the object itself
  std::string message;     // "must be >= 0 J, found -3.4"
  std::string model_path;  // the same place in the C++ model: "Experiment.beam.energy"
  // "/beam: energy must be >= 0 J, found -3.4"
  std::string to_string() const;
  friend bool operator==(const Problem&, const Problem&) = default;
};

// Thrown by dump() and load() with all the problems found. what() lists them one per line.
class ValidationError : public Error {
 public:
  ValidationError(std::string operation, std::string file, std::vector<Problem> problems);
  const std::vector<Problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace h5kit
