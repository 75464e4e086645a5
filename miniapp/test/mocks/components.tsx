// Taro's components as plain DOM elements, for jest (the probe's mocked approach).
import { createElement, forwardRef, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

function element(tag: string, map?: (props: Props) => Props) {
  const Component = forwardRef<HTMLElement, Props>((props, ref) => {
    const { children, className, ...rest } = map ? map(props) : props;
    const dom: Record<string, unknown> = { ref, className };
    for (const [k, v] of Object.entries(rest)) {
      if (
        k === 'onClick' ||
        (k.startsWith('aria-') && k !== 'aria-role') ||
        k === 'id' ||
        k === 'disabled' ||
        k === 'style' ||
        k === 'role' ||
        k === 'value'
      )
        dom[k] = v;
      if (k === 'aria-role') dom.role = v;
      if (k.startsWith('data-')) dom[k] = v;
    }
    return createElement(tag, dom, children as ReactNode);
  });
  Component.displayName = tag;
  return Component;
}

export const View = element('div');
export const Text = element('span');
export const Button = element('button');
export const Canvas = element('canvas');
export const Image = element('img');
export const ScrollView = element('div');
export const Input = element('input', (props) => ({
  ...props,
  onChange: (e: { target: { value: string } }) =>
    (props.onInput as ((e: { detail: { value: string } }) => void) | undefined)?.({
      detail: { value: e.target.value },
    }),
}));
