package com.example.intune.statusimport.graph;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body, read up to a size no Graph answer comes near: something that streams gigabytes (a misrouted
 * download, a hostile server) must not take the heap. One byte over the cap is kept, so that the answer can say it
 * was cut; the rest is not read and the connection is dropped.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

	/** 16 MB: a page of a thousand statuses is about 1 MB, a {@code $batch} answer of twenty about 20 kB. */
	static final int MAX_BYTES = 16 << 20;

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final int maxBytes;

	private Flow.Subscription subscription;

	CappedBody(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	static HttpResponse.BodyHandler<byte[]> handler() {
		return info -> new CappedBody(MAX_BYTES);
	}

	/** Whether {@code body} is longer than the cap, so that it was cut. */
	static boolean wasCut(byte[] body) {
		return body != null && body.length > MAX_BYTES;
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
			int take = Math.min(buffer.remaining(), this.maxBytes + 1 - this.bytes.size());
			byte[] part = new byte[take];
			buffer.get(part);
			this.bytes.write(part, 0, take);
		}
		if (this.bytes.size() > this.maxBytes) {
			this.subscription.cancel();
			this.body.complete(this.bytes.toByteArray());
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.body.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		this.body.complete(this.bytes.toByteArray());
	}

}
