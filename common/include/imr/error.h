// The project's one exception type. Every failure a user can meet is an
// imr::Error carrying a kind (which decides the exit code at the command's
// edge) and a message that names the file or query and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace imr {

enum class ErrorKind {
    bad_input,   // a letter that cannot be read or parsed; the batch goes on
    bad_query,   // a query the parser rejects
    bad_usage,   // wrong command-line words, or options out of range
    not_found,   // no decision or letter with the id or case asked for
    index,       // the index is missing, locked, corrupt or of another version
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

inline Error input_error(const std::string& where, const std::string& what) {
    return Error(ErrorKind::bad_input, where + ": " + what);
}

}  // namespace imr
