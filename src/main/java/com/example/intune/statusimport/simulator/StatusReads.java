package com.example.intune.statusimport.simulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

/**
 * The GETs of device statuses, as Graph answers them: one status, with {@code $select}, or a configuration's list in
 * pages of at most the page size ({@code $top} may ask for less), each with {@code @odata.context} and, but for the
 * last, an {@code @odata.nextLink} on the service root the request came to, carrying an opaque {@code $skiptoken} and
 * the same {@code $select} and {@code $top}. The order is stable (by id), and a page continues after the last id the
 * previous one answered, so statuses written meanwhile neither repeat nor shift a page. A configuration the store does
 * not have is answered 404, as Graph answers one that does not exist.
 */
final class StatusReads {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LIST = Pattern.compile("(.*)/deviceManagement/deviceConfigurations/([^/]+)/deviceStatuses/?");

	private static final Pattern STATUS = Pattern.compile("(.*)/deviceManagement/deviceConfigurations/[^/]+/deviceStatuses/[^/]+");

	/** Marks a skip token as this simulator's, so that one made up or cut short is refused. */
	private static final String TOKEN_PREFIX = "after:";

	private final StatusStore store;

	private final int pageSize;

	private final Runnable pageServed;

	/** @param pageServed notes each list page answered with a 200 */
	StatusReads(StatusStore store, int pageSize, Runnable pageServed) {
		this.store = store;
		this.pageSize = pageSize;
		this.pageServed = pageServed;
	}

	/**
	 * @param serviceRoot the absolute URL the path is relative to: {@code http://127.0.0.1:PORT} for a request that
	 * came alone, that and the version's path for one inside a {@code $batch}
	 * @param pathAndQuery the path, with its raw query if any
	 */
	SimulatedAnswer answer(String serviceRoot, String pathAndQuery, String clientRequestId) {
		int question = pathAndQuery.indexOf('?');
		String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
		Map<String, String> query;
		try {
			query = query(question < 0 ? "" : pathAndQuery.substring(question + 1));
		}
		catch (IllegalArgumentException ex) {
			return SimulatedAnswer.badRequest("The query string is not valid: " + ex.getMessage(), clientRequestId);
		}
		Optional<Address> address = DeviceStatusResource.addressOf(path);
		Matcher list = LIST.matcher(path);
		if (address.isEmpty() && !list.matches()) {
			return SimulatedAnswer.badRequest("Resource not found for the segment '" + path + "'.", clientRequestId);
		}
		for (String option : query.keySet()) {
			boolean allowed = option.equals("$select") || (address.isEmpty()
					&& (option.equals("$top") || option.equals("$skiptoken")));
			if (option.startsWith("$") && !allowed) {
				return SimulatedAnswer.badRequest("The query option '" + option + "' is not supported here.",
						clientRequestId);
			}
		}
		List<String> select;
		try {
			select = StatusSchema.select(query.get("$select"));
		}
		catch (IllegalArgumentException ex) {
			return SimulatedAnswer.badRequest(ex.getMessage(), clientRequestId);
		}
		if (address.isPresent()) {
			ObjectNode status = this.store.get(address.get());
			if (status == null) {
				return this.store.notFound(address.get(), clientRequestId);
			}
			ObjectNode answer = JSON.createObjectNode();
			Matcher root = STATUS.matcher(path);
			root.matches();
			answer.put("@odata.context", serviceRoot + root.group(1) + "/$metadata#deviceManagement/deviceConfigurations('"
					+ address.get().deviceConfigurationId() + "')/deviceStatuses" + selected(select) + "/$entity");
			answer.setAll(StatusSchema.answer(status, select));
			return SimulatedAnswer.ok(answer.toString());
		}
		return page(serviceRoot + list.group(1), list.group(2), query, select, clientRequestId);
	}

	private SimulatedAnswer page(String root, String configurationId, Map<String, String> query, List<String> select,
			String clientRequestId) {
		int size = this.pageSize;
		String top = query.get("$top");
		if (top != null) {
			int asked;
			try {
				asked = Integer.parseInt(top.strip());
			}
			catch (NumberFormatException ex) {
				asked = 0;
			}
			if (asked < 1) {
				return SimulatedAnswer.badRequest("Invalid value '" + top + "' for $top query option found. The $top query"
						+ " option requires a positive integer value.", clientRequestId);
			}
			size = Math.min(size, asked);
		}
		String after = null;
		if (query.containsKey("$skiptoken")) {
			after = afterId(query.get("$skiptoken"));
			if (after == null) {
				return SimulatedAnswer.badRequest("The $skiptoken '" + query.get("$skiptoken") + "' is not valid.",
						clientRequestId);
			}
		}
		if (!this.store.configurationExists(configurationId)) {
			return this.store.configurationNotFound(configurationId, clientRequestId);
		}
		// one more than the page, to know whether there is a next one
		List<ObjectNode> statuses = this.store.page(configurationId, after, size + 1);
		String collection = root + "/deviceManagement/deviceConfigurations/" + configurationId + "/deviceStatuses";
		ObjectNode answer = JSON.createObjectNode();
		answer.put("@odata.context", root + "/$metadata#deviceManagement/deviceConfigurations('" + configurationId
				+ "')/deviceStatuses" + selected(select));
		ArrayNode value = answer.putArray("value");
		statuses.stream().limit(size).forEach(status -> value.add(StatusSchema.answer(status, select)));
		if (statuses.size() > size) {
			String last = statuses.get(size - 1).path("id").asString();
			StringBuilder next = new StringBuilder(collection).append('?');
			if (select != null) {
				next.append("$select=").append(encode(String.join(",", select))).append('&');
			}
			if (top != null) {
				next.append("$top=").append(encode(top.strip())).append('&');
			}
			next.append("$skiptoken=").append(encode(token(last)));
			answer.put("@odata.nextLink", next.toString());
		}
		this.pageServed.run();
		return SimulatedAnswer.ok(answer.toString());
	}

	private static String selected(List<String> select) {
		return select == null ? "" : "(" + String.join(",", select) + ")";
	}

	private static String token(String afterId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + afterId).getBytes(StandardCharsets.UTF_8));
	}

	/** The id a skip token continues after, or {@code null} when it is none of this simulator's. */
	private static String afterId(String token) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			return decoded.startsWith(TOKEN_PREFIX) && decoded.length() > TOKEN_PREFIX.length()
					? decoded.substring(TOKEN_PREFIX.length()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : raw.split("&")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				String name = decode(equals < 0 ? pair : pair.substring(0, equals));
				// Graph takes $SELECT as $select; names not starting with $ are the caller's own
				name = name.startsWith("$") ? name.toLowerCase(java.util.Locale.ROOT) : name;
				query.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
			}
		}
		return query;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2C", ",").replace("+", "%20");
	}

}
