#pragma once
// The lazy tests' numpy peer: runs a numpy snippet through the interpreter that has numpy and h5py
// (/usr/bin/python3, H5KIT_PEER_PYTHON) and hands back what it printed, so a test compares the lazy
// layer with numpy on the same data (usually the test's own file, read back through h5py).
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace h5kit::test {

// Runs `code` after `import math, numpy as np, h5py` (warnings off, as numpy's divide-by-zero ones
// would mix into the output) and returns its output lines. A snippet that fails fails the test and
// returns no lines.
inline std::vector<std::string> numpy_lines(const std::string& code) {
  const std::string program = "import math, numpy as np, h5py\n" + code;
  const CommandResult result = run_command(std::string(H5KIT_PEER_PYTHON) + " -W ignore -c " + shell_quote(program));
  std::vector<std::string> lines;
  if (result.exit_code != 0) {
    ADD_FAILURE() << "numpy peer exited with " << result.exit_code << ":\n" << result.output << "\nprogram:\n" << program;
    return lines;
  }
  std::istringstream in(result.output);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The whitespace-separated words of a line.
inline std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// A line of numbers as Python prints them (repr of floats, "nan", "inf", "-inf", ints, True/False).
inline std::vector<long double> numbers(const std::string& line) {
  std::vector<long double> out;
  for (const std::string& w : words(line)) {
    if (w == "True" || w == "False") out.push_back(w == "True" ? 1.0L : 0.0L);
    else out.push_back(std::strtold(w.c_str(), nullptr));
  }
  return out;
}

// Python's repr of a double (17 significant digits read back exactly), for values sent to numpy.
inline std::string py_float(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  const std::string s = out.str();
  if (s == "nan" || s == "-nan") return "float('nan')";
  if (s == "inf") return "float('inf')";
  if (s == "-inf") return "-float('inf')";
  return s;
}

}  // namespace h5kit::test
