/**
 * A list whose items are reordered by drag (pointer) or by keyboard (focus an item's handle, Space to pick it up,
 * arrows to move, Space to drop, Escape to cancel), with dnd-kit and its screen-reader announcements in the page's
 * language. The list keeps no order of its own: `onMove(from, to)` asks the owner to write the new order into the
 * definition.
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useRef, type HTMLAttributes, type ReactNode } from 'react';
import { useText } from '../../text.ts';

let nextId = 1;

/**
 * Ids for `count` items that stay with each item while it moves or its content changes (so an item being edited or
 * moved by keyboard keeps its element and its focus). Call `moved`/`removed` with what you write; a count that
 * changes otherwise (an edit elsewhere, undo) starts new ids.
 */
export function useItemIds(count: number): { ids: string[]; moved: (from: number, to: number) => void; removed: (index: number) => void } {
  const ids = useRef<string[]>([]);
  if (ids.current.length < count) ids.current = [...ids.current, ...Array.from({ length: count - ids.current.length }, () => `item-${nextId++}`)];
  if (ids.current.length > count) ids.current = ids.current.slice(0, count);
  return {
    ids: ids.current,
    moved: (from, to) => {
      const next = [...ids.current];
      const [id] = next.splice(from, 1);
      next.splice(Math.max(0, Math.min(next.length, to)), 0, id);
      ids.current = next;
    },
    removed: (index) => {
      ids.current = ids.current.filter((_, i) => i !== index);
    },
  };
}

/** What an item gets to render its drag handle: spread `handle` on a button. */
export interface ItemHandle {
  handle: HTMLAttributes<HTMLElement>;
  dragging: boolean;
}

/** Props: one id per item (stable while the list is shown), the items' names for announcements, and the move. */
export interface SortableProps {
  ids: string[];
  names: string[];
  onMove: (from: number, to: number) => void;
  children: (index: number, handle: ItemHandle) => ReactNode;
  className?: string;
}

function Item({ id, index, children }: { id: string; index: number; children: SortableProps['children'] }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <li
      ref={setNodeRef}
      className={isDragging ? 'mandate-sortable__item mandate-sortable__item--dragging' : 'mandate-sortable__item'}
      style={{ transform: CSS.Transform.toString(transform), transition }}
    >
      {children(index, { handle: { ...attributes, ...listeners }, dragging: isDragging })}
    </li>
  );
}

/** The sortable list (an `<ol>`). */
export function Sortable({ ids, names, onMove, children, className }: SortableProps) {
  const s = useText();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (id: string | number) => names[ids.indexOf(String(id))] ?? String(id);
  const positionOf = (id: string | number | undefined) => (id === undefined ? 0 : ids.indexOf(String(id)) + 1);
  const onDragEnd = (event: DragEndEvent) => {
    if (!event.over || event.active.id === event.over.id) return;
    onMove(ids.indexOf(String(event.active.id)), ids.indexOf(String(event.over.id)));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: s('sort.instructions') },
        announcements: {
          onDragStart: ({ active }) => s('sort.picked', { name: nameOf(active.id), position: positionOf(active.id), count: ids.length }),
          onDragOver: ({ active, over }) => s('sort.over', { name: nameOf(active.id), position: positionOf(over?.id), count: ids.length }),
          onDragEnd: ({ active, over }) => s('sort.dropped', { name: nameOf(active.id), position: positionOf(over?.id), count: ids.length }),
          onDragCancel: ({ active }) => s('sort.cancelled', { name: nameOf(active.id) }),
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className={`usa-list usa-list--unstyled mandate-sortable ${className ?? ''}`}>
          {ids.map((id, index) => (
            <Item key={id} id={id} index={index}>
              {children}
            </Item>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

/** The buttons beside an item: drag handle, move up, move down, remove. */
export function ItemControls({
  handle,
  index,
  count,
  name,
  onMove,
  onRemove,
}: {
  handle: ItemHandle;
  index: number;
  count: number;
  name: string;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const s = useText();
  return (
    <div className="mandate-item-controls">
      <button type="button" className="usa-button usa-button--unstyled mandate-drag" aria-label={s('sort.drag', { name })} {...handle.handle}>
        <span aria-hidden="true">⠿</span>
      </button>
      <button
        type="button"
        className="usa-button usa-button--outline usa-button--small"
        aria-label={s('sort.up', { name })}
        aria-disabled={index === 0}
        onClick={() => index > 0 && onMove(index, index - 1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="usa-button usa-button--outline usa-button--small"
        aria-label={s('sort.down', { name })}
        aria-disabled={index === count - 1}
        onClick={() => index < count - 1 && onMove(index, index + 1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" className="usa-button usa-button--secondary usa-button--small" aria-label={s('sort.remove', { name })} onClick={onRemove}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
