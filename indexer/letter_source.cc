#include "imr/letter_source.h"

#include <fstream>
#include <memory>
#include <sstream>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include "imr/error.h"
#include "imr/text.h"
#include "imr/stable_hash.h"

namespace imr {

namespace {

std::string read_bytes(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw input_error(name, "is a folder, not a file");
    std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) throw input_error(name, "cannot read: " + ec.message());
    if (size == 0) throw input_error(name, "empty file");
    if (size > max_bytes) {
        throw input_error(name, "file of " + std::to_string(size) + " bytes is over the limit of " +
                                    std::to_string(max_bytes) + " (raise it with --max-file-size)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(name, "cannot open for reading (permission denied?)");
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
        throw input_error(name, "cannot read the whole file");
    }
    return bytes;
}

bool is_pdf(std::string_view bytes) {
    // The signature may follow a little junk, as readers allow.
    return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

void quiet_poppler(const std::string&, void*) {}

std::string pdf_text(const std::string& bytes, const std::string& name) {
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) throw input_error(name, "damaged or truncated PDF: poppler cannot open it");
    if (doc->is_locked()) throw input_error(name, "PDF needs a user password to open");
    std::string text;
    bool any_text = false;
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) {
            text.push_back('\f');
            continue;
        }
        poppler::byte_array utf8 =
            page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
        std::string page_text(utf8.begin(), utf8.end());
        if (page_text.find_first_not_of(" \t\r\n\f") != std::string::npos) any_text = true;
        text += page_text;
        // Poppler ends each page's text with a form feed, as pdftotext does; older ones did not.
        if (!text.ends_with('\f')) text.push_back('\f');
    }
    if (doc->pages() == 0) throw input_error(name, "damaged PDF: no pages");
    if (!any_text) {
        throw input_error(name, "PDF has no text layer (a scanned image?): run OCR on it first, "
                                "for example with ocrmypdf");
    }
    return text;
}

}  // namespace

std::string content_hash(std::string_view bytes) {
    std::ostringstream out;
    out << std::hex << detail::stable_hash(bytes) << '-' << std::dec << bytes.size();
    return out.str();
}

SourceText read_source(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    const std::string name = path.string();
    std::string bytes = read_bytes(path, max_bytes);
    SourceText source;
    source.hash = content_hash(bytes);
    if (is_pdf(bytes)) {
        source.text = pdf_text(bytes, name);
        source.paged = true;
    } else {
        source.text = decode_text(bytes, name);
    }
    return source;
}

}  // namespace imr
