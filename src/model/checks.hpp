#pragma once
// Moved: the walkers' templates need these too.
#include "h5kit/model/detail/checks.hpp"
