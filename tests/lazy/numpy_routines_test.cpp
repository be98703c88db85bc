// numpy.insert / numpy.delete positions (negative, several) against numpy on the same file, the
// suggestion a refused view gets, and one `none` under both using-directives (issue 15).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/lazy/dict.hpp"
#include "h5kit/lazy/object.hpp"
#include "h5kit/lazy/reductions.hpp"
#include "h5kit/lazy/routines.hpp"
#include "lazy/numpy_peer.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

// The docs' two using-directives: `none` must name one thing under both (it was ambiguous between
// h5kit::none and h5kit::lazy::none).
namespace none_check {
using namespace h5kit;
using namespace h5kit::lazy;

TEST(LazyNone, OneNoneUnderBothUsingDirectives) {
  test::TempDir dir;
  File f(dir / "n.h5", "w");
  EXPECT_TRUE(write_object(f, "n", none));
  EXPECT_TRUE(H5Dict(f)["n"].is_none());
  H5Dict(f).attributes().set("a", none);
  EXPECT_TRUE(H5Dict(f).attributes().is_none("a"));
  const H5Array<int> a(f.create_dataset("x", std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(sum(a.view(s(1, none))), 9);  // the same none is the open bound of a slice
  static_assert(std::is_same_v<lazy::None, std::nullopt_t>);
}
}  // namespace none_check

namespace h5kit::lazy {
namespace {

NDArray<int> numbered(Shape shape) {
  NDArray<int> a(std::move(shape));
  for (std::size_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<int>(i) * 10 + 1;
  return a;
}

class LazyNumpyInsertDelete : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir / "r.h5";
  std::string spec;  // lines "changed original numpy-expression-of-x"
  int next = 0;

  // A growable copy and an untouched original of `values`; `change` edits the copy in the file.
  void check(File& f, const NDArray<int>& values, const std::function<void(H5Array<int>&)>& change,
             const std::string& numpy) {
    const std::string n = std::to_string(next++);
    const Shape chunks(values.shape().size(), 2);
    H5Array<int> a(f.create_dataset("c" + n, values,
                                    DatasetOptions{}.chunks(chunks).maxshape(Shape(values.shape().size(), unlimited))));
    f.create_dataset("o" + n, values);
    change(a);
    spec += "c" + n + " o" + n + " " + numpy + "\n";
  }
  void expect_numpy_agrees() {
    const std::string code =
        "f = h5py.File(" + test::shell_quote(path) + ", 'r')\nspec = \"\"\"" + spec +
        "\"\"\"\nbad = 0\nfor line in spec.splitlines():\n"
        "  c, o, expr = line.split(' ', 2)\n  x = f[o][()]\n  want = eval(expr)\n  got = f[c][()]\n"
        "  if got.shape != want.shape or got.dtype != want.dtype or not np.array_equal(got, want):\n"
        "    bad += 1\n    print(expr, ': numpy', want.tolist(), 'h5kit', got.tolist())\n"
        "print('checked', len(spec.splitlines()), 'mismatches', bad)\n";
    const std::vector<std::string> lines = test::numpy_lines(code);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back(), "checked " + std::to_string(next) + " mismatches 0")
        << [&] { std::string all; for (const auto& l : lines) all += l + "\n"; return all; }();
  }
};

TEST_F(LazyNumpyInsertDelete, NegativeAndSeveralPositionsAreNumpys) {
  {
    File f(path, "w");
    for (std::size_t cap : {std::size_t{0}, 2 * sizeof(int), std::size_t{1}}) {
      const ScopedMemoryCap scoped(cap ? cap : memory_cap());
      const NDArray<int> x = numbered({10}), g = numbered({4, 5});
      check(f, x, [](H5Array<int>& a) { insert(a, -1, 99); }, "np.insert(x, -1, 99)");  // the case
      check(f, x, [](H5Array<int>& a) { insert(a, -10, 99); }, "np.insert(x, -10, 99)");
      check(f, x, [](H5Array<int>& a) { insert(a, 10, 99); }, "np.insert(x, 10, 99)");
      check(f, x, [](H5Array<int>& a) { insert(a, -3, NDArray<int>(Shape{2}, {7, 8})); },
            "np.insert(x, -3, [7, 8])");
      check(f, x, [](H5Array<int>& a) { insert(a, {1, 3, -1}, 0); }, "np.insert(x, [1, 3, -1], 0)");
      check(f, x, [](H5Array<int>& a) { insert(a, {5, 0, 5, 10, -10}, NDArray<int>(Shape{5}, {1, 2, 3, 4, 5})); },
            "np.insert(x, [5, 0, 5, 10, -10], [1, 2, 3, 4, 5])");
      check(f, x, [](H5Array<int>& a) { erase(a, -1); }, "np.delete(x, -1)");
      check(f, x, [](H5Array<int>& a) { erase(a, -10); }, "np.delete(x, -10)");
      check(f, x, [](H5Array<int>& a) { erase(a, {0, -1, 3, 3, 4}); }, "np.delete(x, [0, -1, 3, 3, 4])");
      check(f, x, [](H5Array<int>& a) { erase(a, std::vector<std::ptrdiff_t>{}); }, "np.delete(x, [])");
      check(f, g, [](H5Array<int>& a) { insert(a, {1, -1}, 0, 1); }, "np.insert(x, [1, -1], 0, axis=1)");
      check(f, g, [](H5Array<int>& a) { insert(a, {2, 0}, numbered({2, 5}), 0); },
            "np.insert(x, [2, 0], np.arange(10).reshape(2, 5) * 10 + 1, axis=0)");
      check(f, g, [](H5Array<int>& a) { insert(a, {3, 1, 3}, numbered({4, 3}), 1); },
            "np.insert(x, [3, 1, 3], np.arange(12).reshape(4, 3) * 10 + 1, axis=1)");
      check(f, g, [](H5Array<int>& a) { insert(a, -1, NDArray<int>(Shape{5}, 0), 0); }, "np.insert(x, -1, 0, axis=0)");
      check(f, g, [](H5Array<int>& a) { erase(a, {0, -1}, 1); }, "np.delete(x, [0, -1], axis=1)");
      check(f, g, [](H5Array<int>& a) { erase(a, -2, 0); }, "np.delete(x, -2, axis=0)");
    }
  }
  expect_numpy_agrees();
}

TEST_F(LazyNumpyInsertDelete, PositionsNumpyRefusesAreRefusedAndChangeNothing) {
  const std::vector<std::string> numpy = test::numpy_lines(
      "x = np.arange(10)\n"
      "def tries(f):\n  try:\n    f(); return 'accepted'\n  except (IndexError, ValueError):\n    return 'refused'\n"
      "print(tries(lambda: np.insert(x, 11, 5)), tries(lambda: np.insert(x, -11, 5)), "
      "tries(lambda: np.delete(x, 10)), tries(lambda: np.delete(x, [-11])), "
      "tries(lambda: np.insert(x, [1, 12], 5)), tries(lambda: np.insert(x, [1, 2], [1, 2, 3])))");
  ASSERT_EQ(numpy.size(), 1u);
  EXPECT_EQ(numpy[0], "refused refused refused refused refused refused");
  File f(path, "w");
  H5Array<int> a(f.create_dataset("a", numbered({10}), DatasetOptions{}.chunks({3}).maxshape({unlimited})));
  const std::string message = test::message_of<InvalidArgumentError>([&] { insert(a, 11, 5); });
  EXPECT_NE(message.find("[-10, 10]"), std::string::npos) << message;
  EXPECT_NE(message.find("/a"), std::string::npos) << message;
  EXPECT_THROW(insert(a, -11, 5), InvalidArgumentError);
  EXPECT_THROW(erase(a, 10), InvalidArgumentError);
  EXPECT_THROW(erase(a, {-11}), InvalidArgumentError);
  EXPECT_THROW(insert(a, {1, 12}, 5), InvalidArgumentError);
  EXPECT_THROW(insert(a, {1, 2}, NDArray<int>(Shape{3}, 0)), ShapeMismatchError);
  EXPECT_EQ(a.read(), numbered({10}));
}

TEST(LazyNumpyViews, ARefusedViewSuggestsCopyAndTheSuggestionWorks) {
  test::TempDir dir;
  const std::string path = dir / "v.h5";
  NDArray<int> got;
  {
    File f(path, "w");
    H5Array<int> m(f.create_dataset("m", numbered({6, 5}), DatasetOptions{}.chunks({2, 2}).maxshape({unlimited, unlimited})));
    H5Array<int> view = m.view(s(1, 4), s(1, 4));
    for (const std::string& message :
         {test::message_of<InvalidArgumentError>([&] { insert(view, 0, 1); }),
          test::message_of<InvalidArgumentError>([&] { astype<double>(view, Into{f, "d"}); }),
          test::message_of<InvalidArgumentError>([&] { transpose(view, Into{f, "t"}); })}) {
      EXPECT_NE(message.find("copy(view, Into{group, name})"), std::string::npos) << message;
      EXPECT_EQ(message.find("e.g. with astype"), std::string::npos) << message;  // astype refuses views too
    }
    const ScopedMemoryCap cap(3 * sizeof(int));  // the copy goes block by block
    const H5Array<int> c = copy(view, Into{f, "c"});
    EXPECT_FALSE(c.is_view());
    EXPECT_EQ(c.shape(), (Shape{3, 3}));
    const H5Array<int> t = transpose(c, Into{f, "t"});  // the routine the view could not take
    EXPECT_EQ(t.shape(), (Shape{3, 3}));
    got = c.read();
  }
  const std::vector<std::string> numpy =
      test::numpy_lines("x = h5py.File(" + test::shell_quote(path) + ", 'r')['m'][()]\nprint(*x[1:4, 1:4].ravel())");
  ASSERT_EQ(numpy.size(), 1u);
  const std::vector<long double> want = test::numbers(numpy[0]);
  ASSERT_EQ(want.size(), got.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got.data()[i], static_cast<int>(want[i])) << i;
}

}  // namespace
}  // namespace h5kit::lazy
