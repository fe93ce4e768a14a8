package io.beep.saga.platform.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs this service's internal gRPC endpoints for as long as the application runs. */
@Component
class GrpcServer implements SmartLifecycle {

    private final Server server;
    private volatile boolean running;

    GrpcServer(GrpcProperties properties, List<BindableService> services,
               @Value("${server.address:127.0.0.1}") String address) {
        var builder = NettyServerBuilder.forAddress(new InetSocketAddress(address, properties.port()));
        services.forEach(builder::addService);
        this.server = builder.build();
    }

    @Override
    public void start() {
        try {
            server.start();
            running = true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start gRPC server", e);
        }
    }

    @Override
    public void stop() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
