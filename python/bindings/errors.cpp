// What the CLI prints after "annotbench COMMAND: " is the Python exception's message, and its type
// says what kind of mistake it is: a file that is not there is FileNotFoundError, a bad file or
// setting ValueError, anything else RuntimeError.

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "datasets/input_error.h"
#include "methods/runtime.h"
#include "python/bindings/bindings.h"

namespace annotbench::python {

namespace {

bool names_a_missing_file(const InputError& error) {
  if (error.file().empty() || error.line() != 0) return false;
  std::error_code ignored;
  return !std::filesystem::exists(error.file(), ignored);
}

}  // namespace

void define_errors(pybind11::module_& module) {
  pybind11::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const InputError& error) {
      if (names_a_missing_file(error)) {
        PyErr_SetString(PyExc_FileNotFoundError, error.what());
      } else {
        PyErr_SetString(PyExc_ValueError, error.what());
      }
    } catch (const std::invalid_argument& error) {  // ConfigError, SparseAnnotations::validate
      PyErr_SetString(PyExc_ValueError, error.what());
    } catch (const pybind11::builtin_exception&) {
      throw;  // pybind11's own (e.g. a wrong argument type) keep their types
    } catch (const pybind11::error_already_set&) {
      throw;
    } catch (const std::exception& error) {
      PyErr_SetString(PyExc_RuntimeError, error_message(error).c_str());
    }
  });
}

}  // namespace annotbench::python
