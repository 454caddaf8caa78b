package com.example.intune.statusimport.graph;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body, read up to a size no Graph answer comes near: something that streams gigabytes (a misrouted
 * download, a hostile server) must not take the heap, even with many requests in flight. Past the cap only the
 * answer's first kilobyte is kept, behind a mark that no answer starts with, so that the answer can say what it was;
 * the rest is not read and the connection is dropped.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

	/** 4 MB: a page of a thousand statuses is about 1 MB, a {@code $batch} answer of twenty about 20 kB. */
	static final int MAX_BYTES = 4 << 20;

	/** What a cut answer starts with: a NUL, which neither JSON nor a page begins with. */
	private static final byte[] CUT = { 0, 'c', 'u', 't', 0 };

	private static final int KEPT_WHEN_CUT = 1024;

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	/** The parts received, kept as they came: no buffer that doubles, and one copy at the end. */
	private final List<byte[]> parts = new ArrayList<>();

	private final int maxBytes;

	private long size;

	private Flow.Subscription subscription;

	CappedBody(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	static HttpResponse.BodyHandler<byte[]> handler() {
		return info -> new CappedBody(MAX_BYTES);
	}

	/** Whether {@code body} was cut at the cap; its {@link #start} is then what was kept. */
	static boolean wasCut(byte[] body) {
		return body != null && body.length >= CUT.length && Arrays.equals(body, 0, CUT.length, CUT, 0, CUT.length);
	}

	/** The first kilobyte of a cut answer. */
	static byte[] start(byte[] cut) {
		return Arrays.copyOfRange(cut, CUT.length, cut.length);
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.body.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			byte[] part = new byte[buffer.remaining()];
			buffer.get(part);
			this.parts.add(part);
			this.size += part.length;
		}
		if (this.size > this.maxBytes) {
			this.subscription.cancel();
			byte[] start = joined(KEPT_WHEN_CUT);
			byte[] kept = new byte[CUT.length + start.length];
			System.arraycopy(CUT, 0, kept, 0, CUT.length);
			System.arraycopy(start, 0, kept, CUT.length, start.length);
			this.parts.clear();
			this.body.complete(kept);
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.parts.clear();
		this.body.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		this.body.complete(joined(this.maxBytes));
		this.parts.clear();
	}

	/** The first {@code limit} bytes received, in one array. */
	private byte[] joined(int limit) {
		byte[] whole = new byte[(int) Math.min(this.size, limit)];
		int at = 0;
		for (byte[] part : this.parts) {
			int take = Math.min(part.length, whole.length - at);
			System.arraycopy(part, 0, whole, at, take);
			at += take;
			if (at == whole.length) {
				break;
			}
		}
		return whole;
	}

}
