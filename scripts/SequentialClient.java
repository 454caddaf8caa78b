import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The naive client the job must never lose to (issue 10): reads the same CSV rows as the job (a header of Graph
 * names with deviceConfigurationId and id, as scripts/generate-rows writes), PATCHes them one at a time as fast as it
 * can, and when Graph answers 429 waits exactly the Retry-After it was given and sends the same request again. JDK
 * only, for scripts/bench:
 *
 * <pre>
 * java scripts/SequentialClient.java GRAPH_URL FILE.csv
 * </pre>
 *
 * Prints one line: rows applied, seconds from the first request to the last answer, rows/s, requests and 429s.
 */
public class SequentialClient {

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: java scripts/SequentialClient.java GRAPH_URL FILE.csv");
			System.exit(3);
		}
		String graph = args[0].replaceAll("/+$", "");
		List<List<String>> records = parse(Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8));
		List<String> header = records.get(0);
		int configuration = header.indexOf("deviceConfigurationId");
		int id = header.indexOf("id");
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long requests = 0;
		long throttled = 0;
		long applied = 0;
		long start = System.nanoTime();
		for (List<String> row : records.subList(1, records.size())) {
			HttpRequest request = HttpRequest.newBuilder(URI.create(graph + "/deviceManagement/deviceConfigurations/"
					+ segment(row.get(configuration)) + "/deviceStatuses/" + segment(row.get(id))))
				.method("PATCH", HttpRequest.BodyPublishers.ofString(body(header, row, configuration, id)))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header("Authorization", "Bearer sequential-client")
				.build();
			while (true) {
				requests++;
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status == 429 || status >= 500) {
					throttled += status == 429 ? 1 : 0;
					// exactly what Graph asked for; a second when it did not say
					String retryAfter = response.headers().firstValue("Retry-After").orElse("1");
					TimeUnit.NANOSECONDS.sleep((long) (Double.parseDouble(retryAfter) * 1e9));
					continue;
				}
				applied += status / 100 == 2 ? 1 : 0;
				break;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "sequential client: %d rows applied in %.3f s, %.3f rows/s, %d requests, %d"
				+ " answered 429%n", applied, seconds, applied / seconds, requests, throttled);
	}

	private static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Every column but the two ids, as Graph names them; an empty cell is left out, as the job leaves it. */
	private static String body(List<String> header, List<String> row, int configuration, int id) {
		StringBuilder json = new StringBuilder("{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\"");
		for (int i = 0; i < header.size(); i++) {
			if (i != configuration && i != id && i < row.size() && !row.get(i).isEmpty()) {
				json.append(',').append(quote(header.get(i))).append(':').append(quote(row.get(i)));
			}
		}
		return json.append('}').toString();
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/** RFC 4180: fields separated by commas, quoted with {@code "} when they hold commas, quotes or line breaks. */
	private static List<List<String>> parse(BufferedReader in) throws IOException {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int c;
		while ((c = in.read()) != -1) {
			if (quoted) {
				if (c == '"') {
					in.mark(1);
					if (in.read() == '"') {
						field.append('"');
					}
					else {
						in.reset();
						quoted = false;
					}
				}
				else {
					field.append((char) c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r') {
					in.mark(1);
					if (in.read() != '\n') {
						in.reset();
					}
				}
				record.add(field.toString());
				field.setLength(0);
				records.add(record);
				record = new ArrayList<>();
			}
			else {
				field.append((char) c);
			}
		}
		if (field.length() > 0 || !record.isEmpty()) {
			record.add(field.toString());
			records.add(record);
		}
		return records;
	}

}
