// bench/lucene: Lucene 8's side of bench/engines.sh, on the same decisions and queries.
//
//   java -cp LUCENE_JARS:. LuceneBench index DECISIONS.tsv DIR
//   java -cp LUCENE_JARS:. LuceneBench search DIR QUERIES.tsv [--highlight] [--passes 5]
//
// DECISIONS.tsv: one decision a line, "id<TAB>text" (bench/engines decisions writes it from the
// parsed letters: the same text the plain-Xapian baseline indexes). QUERIES.tsv: "kind<TAB>query",
// the query already reduced to words and "phrases" (bench/engines plain-queries), parsed by the
// classic QueryParser, OR between words, as a Lucene user's search box would.
// Lucene's defaults otherwise: EnglishAnalyzer (Porter stemming, English stopwords), BM25, top ten.
// The text is stored with offsets so that the UnifiedHighlighter reads no term vectors.
// Prints the lines bench/engines.sh reads: "index SECONDS DECISIONS" or, for the best of the
// passes (after one warm pass), "all QPS P50 P95 P99" and one such line per kind.

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
    static final String TEXT = "text";

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("index")) {
            index(args[1], args[2]);
        } else if (args.length >= 3 && args[0].equals("search")) {
            boolean highlight = false;
            int passes = 5;
            for (int i = 3; i < args.length; ++i) {
                if (args[i].equals("--highlight")) highlight = true;
                else if (args[i].equals("--passes") && i + 1 < args.length) passes = Integer.parseInt(args[++i]);
            }
            search(args[1], args[2], highlight, passes);
        } else {
            System.err.println("usage: LuceneBench index DECISIONS.tsv DIR | search DIR QUERIES.tsv [--highlight] [--passes N]");
            System.exit(2);
        }
    }

    static void index(String decisions, String dir) throws IOException {
        FieldType text = new FieldType();
        text.setTokenized(true);
        text.setStored(true);
        text.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        text.freeze();
        long start = System.nanoTime();
        long n = 0;
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity());
        config.setRAMBufferSizeMB(256);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(dir)), config);
             BufferedReader in = Files.newBufferedReader(Paths.get(decisions), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null;) {
                int tab = line.indexOf('\t');
                if (tab < 0) continue;
                Document doc = new Document();
                doc.add(new StoredField("id", line.substring(0, tab)));
                doc.add(new Field(TEXT, line.substring(tab + 1), text));
                writer.addDocument(doc);
                ++n;
            }
            writer.forceMerge(1);  // as imrsearch's index is compacted
        }
        System.out.printf("index %.3f %d%n", (System.nanoTime() - start) / 1e9, n);
    }

    static void search(String dir, String queries, boolean highlight, int passes) throws Exception {
        List<String> kinds = new ArrayList<>(), texts = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(queries), StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            kinds.add(line.substring(0, tab));
            texts.add(line.substring(tab + 1));
        }
        Analyzer analyzer = new EnglishAnalyzer();
        QueryParser parser = new QueryParser(TEXT, analyzer);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            UnifiedHighlighter highlighter = new UnifiedHighlighter(searcher, analyzer);
            double[] best = null;
            double bestTotal = Double.MAX_VALUE;
            for (int pass = 0; pass <= passes; ++pass) {
                double[] ms = new double[texts.size()];
                double total = 0;
                for (int i = 0; i < texts.size(); ++i) {
                    long t = System.nanoTime();
                    // Parsing is part of each search, as it is of imrsearch's.
                    Query q;
                    try {
                        q = parser.parse(texts.get(i));
                    } catch (ParseException e) {
                        q = parser.parse(QueryParser.escape(texts.get(i)));
                    }
                    TopDocs top = searcher.search(q, 10);
                    if (highlight) {
                        highlighter.highlight(TEXT, q, top, 1);
                    }
                    for (int d = 0; d < top.scoreDocs.length; ++d) searcher.doc(top.scoreDocs[d].doc).get("id");
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    total += ms[i];
                }
                if (pass > 0 && total < bestTotal) {  // pass 0 warms
                    bestTotal = total;
                    best = ms;
                }
            }
            print("all", best);
            Map<String, List<Double>> byKind = new LinkedHashMap<>();
            for (int i = 0; i < best.length; ++i) byKind.computeIfAbsent(kinds.get(i), k -> new ArrayList<>()).add(best[i]);
            for (Map.Entry<String, List<Double>> e : byKind.entrySet()) {
                double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                print(e.getKey(), v);
            }
        }
    }

    // "NAME QPS P50 P95 P99", the percentiles by nearest rank.
    static void print(String name, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double total = 0;
        for (double m : s) total += m;
        System.out.printf("%s %.1f %.2f %.2f %.2f%n", name, 1000.0 * s.length / total, at(s, 0.5), at(s, 0.95), at(s, 0.99));
    }

    static double at(double[] sorted, double p) {
        int i = (int) Math.round(p * (sorted.length - 1));
        return sorted[Math.min(i, sorted.length - 1)];
    }
}
