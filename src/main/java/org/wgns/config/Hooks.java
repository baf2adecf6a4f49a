package org.wgns.config;

import java.util.List;

/** wg-quick's PreUp/PostUp/PreDown/PostDown commands, each list in file order. */
public record Hooks(List<String> preUp, List<String> postUp, List<String> preDown, List<String> postDown) {
    public Hooks {
        preUp = List.copyOf(preUp);
        postUp = List.copyOf(postUp);
        preDown = List.copyOf(preDown);
        postDown = List.copyOf(postDown);
    }

    public int count() {
        return preUp.size() + postUp.size() + preDown.size() + postDown.size();
    }
}
