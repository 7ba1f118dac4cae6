package dev.tollgate.runtime.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tollgate.api.TollgateException;

/** Where a published port is reached, by where the engine is (DOCKER_HOST). */
class EngineAddressTest {

    @Test
    void aLocalSocketKeepsLoopbackAndSeesThisMachinesFiles() {
        EngineAddress local = EngineAddress.of("unix:///var/run/docker.sock");
        assertTrue(local.local());
        assertEquals(Optional.of("127.0.0.1"), local.reach("0.0.0.0"));
        assertEquals(Optional.of("127.0.0.1"), local.reach("127.0.0.1"));
        assertEquals("127.0.0.1", local.publishAddress());
    }

    @Test
    void anEngineOnAnotherHostIsReachedAtThatHostAndPublishesOnEveryInterface() {
        EngineAddress remote = EngineAddress.of("tcp://10.0.0.5:2375");
        assertFalse(remote.local());
        assertEquals(Optional.of("10.0.0.5"), remote.reach("0.0.0.0"));
        assertEquals(Optional.of("10.0.0.5"), remote.reach(""));
        assertEquals(Optional.of("10.0.0.7"), remote.reach("10.0.0.7"));
        // Its loopback is not this machine's: such a port cannot be reached from here.
        assertEquals(Optional.empty(), remote.reach("127.0.0.1"));
        assertEquals("0.0.0.0", remote.publishAddress());
    }

    @Test
    void anEngineOnLoopbackOverTcpIsReachedOnLoopbackButIsNotAssumedToShareFiles() {
        EngineAddress tunnel = EngineAddress.of("tcp://127.0.0.1:23750");
        assertFalse(tunnel.local());
        assertTrue(tunnel.onLoopback());
        assertEquals(Optional.of("127.0.0.1"), tunnel.reach("127.0.0.1"));
        assertEquals("127.0.0.1", tunnel.publishAddress());
        assertEquals(Optional.of("[fd00::5]"), EngineAddress.of("tcp://[fd00::5]:2375").reach("::"));
    }

    @Test
    void aTcpAddressWithoutAHostSaysHowToWriteIt() {
        TollgateException e = assertThrows(TollgateException.class, () -> EngineAddress.of("tcp://:2375"));
        assertTrue(e.getMessage().contains("tcp://HOST:PORT"), e.getMessage());
    }
}
